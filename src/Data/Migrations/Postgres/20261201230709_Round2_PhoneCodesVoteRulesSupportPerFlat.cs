using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Round2_PhoneCodesVoteRulesSupportPerFlat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FlatId",
                table: "ProposalSupport",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PrivacyConsentAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CompoundVoteRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    NoticeDays = table.Column<int>(type: "integer", nullable: true),
                    MinVotingDays = table.Column<int>(type: "integer", nullable: false),
                    ObjectionDays = table.Column<int>(type: "integer", nullable: false),
                    CountingDays = table.Column<int>(type: "integer", nullable: false),
                    Precedence = table.Column<int>(type: "integer", nullable: false),
                    HideSplitUntilClose = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompoundVoteRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompoundVoteRules_Compound_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "Compound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PhoneCode",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Phone = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WrongTries = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PhoneCode", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServerSecrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProtectedValue = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServerSecrets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "SmsMessage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    To = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProviderId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmsMessage", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProposalSupport_ProposalId_FlatId",
                table: "ProposalSupport",
                columns: new[] { "ProposalId", "FlatId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompoundVoteRules_CompoundId",
                table: "CompoundVoteRules",
                column: "CompoundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PhoneCode_Ip_CreatedAt",
                table: "PhoneCode",
                columns: new[] { "Ip", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PhoneCode_Phone_CreatedAt",
                table: "PhoneCode",
                columns: new[] { "Phone", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessage_CreatedAt",
                table: "SmsMessage",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SmsMessage_To",
                table: "SmsMessage",
                column: "To");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompoundVoteRules");

            migrationBuilder.DropTable(
                name: "PhoneCode");

            migrationBuilder.DropTable(
                name: "ServerSecrets");

            migrationBuilder.DropTable(
                name: "SmsMessage");

            migrationBuilder.DropIndex(
                name: "IX_ProposalSupport_ProposalId_FlatId",
                table: "ProposalSupport");

            migrationBuilder.DropColumn(
                name: "FlatId",
                table: "ProposalSupport");

            migrationBuilder.DropColumn(
                name: "PrivacyConsentAt",
                table: "AspNetUsers");
        }
    }
}
