using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Round3_LeasesFundBalancesClaimFactors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VotingRepresentativeUserId",
                table: "OwnersOfRecord",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExpiredLeases",
                table: "NotificationDeliveries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeaseUntil",
                table: "NotificationDeliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CertificateFileId",
                table: "LinkRequest",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InvitationCodeId",
                table: "LinkRequest",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FundUseMatterId",
                table: "FundingPlan",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FundUseVoteId",
                table: "FundingPlan",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FundBalance",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    FlatId = table.Column<long>(type: "bigint", nullable: false),
                    BalanceFen = table.Column<long>(type: "bigint", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundBalance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundBalance_Flat_FlatId",
                        column: x => x.FlatId,
                        principalTable: "Flat",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationDeliveries_EventId_Channel_Status",
                table: "NotificationDeliveries",
                columns: new[] { "EventId", "Channel", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FundBalance_CompoundId",
                table: "FundBalance",
                column: "CompoundId");

            migrationBuilder.CreateIndex(
                name: "IX_FundBalance_FlatId",
                table: "FundBalance",
                column: "FlatId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundBalance");

            migrationBuilder.DropIndex(
                name: "IX_NotificationDeliveries_EventId_Channel_Status",
                table: "NotificationDeliveries");

            migrationBuilder.DropColumn(
                name: "VotingRepresentativeUserId",
                table: "OwnersOfRecord");

            migrationBuilder.DropColumn(
                name: "ExpiredLeases",
                table: "NotificationDeliveries");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "NotificationDeliveries");

            migrationBuilder.DropColumn(
                name: "CertificateFileId",
                table: "LinkRequest");

            migrationBuilder.DropColumn(
                name: "InvitationCodeId",
                table: "LinkRequest");

            migrationBuilder.DropColumn(
                name: "FundUseMatterId",
                table: "FundingPlan");

            migrationBuilder.DropColumn(
                name: "FundUseVoteId",
                table: "FundingPlan");
        }
    }
}
