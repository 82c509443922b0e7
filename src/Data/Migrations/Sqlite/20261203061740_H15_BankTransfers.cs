using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H15_BankTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RefundedFen",
                table: "Pledge",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "TransferReference",
                table: "Pledge",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferAccountName",
                table: "Campaign",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferAccountNumber",
                table: "Campaign",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferBank",
                table: "Campaign",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BankStatement",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankStatement", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankStatement_Compound_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "Compound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PledgeRefund",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PledgeId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    RefundedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PledgeRefund", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PledgeRefund_Pledge_PledgeId",
                        column: x => x.PledgeId,
                        principalTable: "Pledge",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BankStatementLine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    BankTransactionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BookedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Memo = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Counterparty = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ClaimedTransactionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    PledgeId = table.Column<long>(type: "INTEGER", nullable: true),
                    DuplicateOfLineId = table.Column<long>(type: "INTEGER", nullable: true),
                    MatchedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    MatchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MatchedByHand = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankStatementLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankStatementLine_BankStatement_StatementId",
                        column: x => x.StatementId,
                        principalTable: "BankStatement",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Pledge_TransferReference",
                table: "Pledge",
                column: "TransferReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankStatement_CompoundId_ImportedAt",
                table: "BankStatement",
                columns: new[] { "CompoundId", "ImportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BankStatementLine_CompoundId_ClaimedFingerprint",
                table: "BankStatementLine",
                columns: new[] { "CompoundId", "ClaimedFingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankStatementLine_CompoundId_ClaimedTransactionId",
                table: "BankStatementLine",
                columns: new[] { "CompoundId", "ClaimedTransactionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankStatementLine_PledgeId",
                table: "BankStatementLine",
                column: "PledgeId");

            migrationBuilder.CreateIndex(
                name: "IX_BankStatementLine_StatementId_LineNumber",
                table: "BankStatementLine",
                columns: new[] { "StatementId", "LineNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_PledgeRefund_PledgeId",
                table: "PledgeRefund",
                column: "PledgeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankStatementLine");

            migrationBuilder.DropTable(
                name: "PledgeRefund");

            migrationBuilder.DropTable(
                name: "BankStatement");

            migrationBuilder.DropIndex(
                name: "IX_Pledge_TransferReference",
                table: "Pledge");

            migrationBuilder.DropColumn(
                name: "RefundedFen",
                table: "Pledge");

            migrationBuilder.DropColumn(
                name: "TransferReference",
                table: "Pledge");

            migrationBuilder.DropColumn(
                name: "TransferAccountName",
                table: "Campaign");

            migrationBuilder.DropColumn(
                name: "TransferAccountNumber",
                table: "Campaign");

            migrationBuilder.DropColumn(
                name: "TransferBank",
                table: "Campaign");
        }
    }
}
