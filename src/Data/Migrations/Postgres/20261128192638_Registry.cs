using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Registry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClaimAttempt",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimAttempt", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimAttempt_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvitationCode",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    FlatId = table.Column<long>(type: "bigint", nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UsedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationCode", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvitationCode_Flat_FlatId",
                        column: x => x.FlatId,
                        principalTable: "Flat",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LinkRequest",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    FlatId = table.Column<long>(type: "bigint", nullable: false),
                    Relation = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkRequest", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkRequest_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LinkRequest_Flat_FlatId",
                        column: x => x.FlatId,
                        principalTable: "Flat",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegisterChange",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FlatsAdded = table.Column<int>(type: "integer", nullable: false),
                    FlatsChanged = table.Column<int>(type: "integer", nullable: false),
                    FlatsRemoved = table.Column<int>(type: "integer", nullable: false),
                    OwnersAdded = table.Column<int>(type: "integer", nullable: false),
                    OwnersChanged = table.Column<int>(type: "integer", nullable: false),
                    OwnersRemoved = table.Column<int>(type: "integer", nullable: false),
                    FlatsAfter = table.Column<int>(type: "integer", nullable: false),
                    TotalAreaCentsAfter = table.Column<long>(type: "bigint", nullable: false),
                    ConfirmedRemovals = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterChange", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegisterChange_Compound_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "Compound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimAttempt_Ip_At",
                table: "ClaimAttempt",
                columns: new[] { "Ip", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimAttempt_UserId_At",
                table: "ClaimAttempt",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_InvitationCode_CodeHash",
                table: "InvitationCode",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvitationCode_CompoundId_FlatId",
                table: "InvitationCode",
                columns: new[] { "CompoundId", "FlatId" });

            migrationBuilder.CreateIndex(
                name: "IX_InvitationCode_FlatId",
                table: "InvitationCode",
                column: "FlatId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkRequest_CompoundId_Status",
                table: "LinkRequest",
                columns: new[] { "CompoundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_LinkRequest_FlatId",
                table: "LinkRequest",
                column: "FlatId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkRequest_UserId",
                table: "LinkRequest",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_RegisterChange_CompoundId_At",
                table: "RegisterChange",
                columns: new[] { "CompoundId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimAttempt");

            migrationBuilder.DropTable(
                name: "InvitationCode");

            migrationBuilder.DropTable(
                name: "LinkRequest");

            migrationBuilder.DropTable(
                name: "RegisterChange");
        }
    }
}
