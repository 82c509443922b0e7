using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UsedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: false),
                    Relation = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FlatsAdded = table.Column<int>(type: "INTEGER", nullable: false),
                    FlatsChanged = table.Column<int>(type: "INTEGER", nullable: false),
                    FlatsRemoved = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnersAdded = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnersChanged = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnersRemoved = table.Column<int>(type: "INTEGER", nullable: false),
                    FlatsAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalAreaCentsAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedRemovals = table.Column<string>(type: "TEXT", nullable: true)
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
