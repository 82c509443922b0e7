using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "TransferReference",
                table: "Pledge",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferAccountName",
                table: "Campaign",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferAccountNumber",
                table: "Campaign",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransferBank",
                table: "Campaign",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BankStatement",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PledgeId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    RefundedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StatementId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    LineNumber = table.Column<int>(type: "integer", nullable: false),
                    BankTransactionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    BookedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Memo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Counterparty = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClaimedTransactionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClaimedFingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    PledgeId = table.Column<long>(type: "bigint", nullable: true),
                    DuplicateOfLineId = table.Column<long>(type: "bigint", nullable: true),
                    MatchedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    MatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MatchedByHand = table.Column<bool>(type: "boolean", nullable: false)
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
