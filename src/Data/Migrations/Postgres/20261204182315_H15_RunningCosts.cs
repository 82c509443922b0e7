using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H15_RunningCosts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LateJoinedAt",
                table: "Pledge",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LateJoin",
                table: "FundingPlan",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LateJoinFixedFen",
                table: "FundingPlan",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "LateJoinUpliftPercent",
                table: "FundingPlan",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "RunningCostChargeId",
                table: "BankStatementLine",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RunningCostBill",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    PlanItemId = table.Column<long>(type: "bigint", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    TotalFen = table.Column<long>(type: "bigint", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunningCostBill", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunningCostBill_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunningCostCharge",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BillId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    FlatId = table.Column<long>(type: "bigint", nullable: false),
                    OwnerOfRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Weight = table.Column<long>(type: "bigint", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    PaidFen = table.Column<long>(type: "bigint", nullable: false),
                    PaidAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TransferReference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunningCostCharge", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunningCostCharge_Flat_FlatId",
                        column: x => x.FlatId,
                        principalTable: "Flat",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RunningCostCharge_RunningCostBill_BillId",
                        column: x => x.BillId,
                        principalTable: "RunningCostBill",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunningCostLine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BillId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunningCostLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunningCostLine_RunningCostBill_BillId",
                        column: x => x.BillId,
                        principalTable: "RunningCostBill",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunningCostPayment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChargeId = table.Column<long>(type: "bigint", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceiptFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunningCostPayment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunningCostPayment_RunningCostCharge_ChargeId",
                        column: x => x.ChargeId,
                        principalTable: "RunningCostCharge",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RunningCostPayment_StoredFile_ReceiptFileId",
                        column: x => x.ReceiptFileId,
                        principalTable: "StoredFile",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostBill_CompoundId",
                table: "RunningCostBill",
                column: "CompoundId");

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostBill_PlanItemId_Year",
                table: "RunningCostBill",
                columns: new[] { "PlanItemId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostCharge_BillId_FlatId",
                table: "RunningCostCharge",
                columns: new[] { "BillId", "FlatId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostCharge_CompoundId_OwnerOfRecordId",
                table: "RunningCostCharge",
                columns: new[] { "CompoundId", "OwnerOfRecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostCharge_FlatId",
                table: "RunningCostCharge",
                column: "FlatId");

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostCharge_TransferReference",
                table: "RunningCostCharge",
                column: "TransferReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostLine_BillId",
                table: "RunningCostLine",
                column: "BillId");

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostPayment_ChargeId",
                table: "RunningCostPayment",
                column: "ChargeId");

            migrationBuilder.CreateIndex(
                name: "IX_RunningCostPayment_ReceiptFileId",
                table: "RunningCostPayment",
                column: "ReceiptFileId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunningCostLine");

            migrationBuilder.DropTable(
                name: "RunningCostPayment");

            migrationBuilder.DropTable(
                name: "RunningCostCharge");

            migrationBuilder.DropTable(
                name: "RunningCostBill");

            migrationBuilder.DropColumn(
                name: "LateJoinedAt",
                table: "Pledge");

            migrationBuilder.DropColumn(
                name: "LateJoin",
                table: "FundingPlan");

            migrationBuilder.DropColumn(
                name: "LateJoinFixedFen",
                table: "FundingPlan");

            migrationBuilder.DropColumn(
                name: "LateJoinUpliftPercent",
                table: "FundingPlan");

            migrationBuilder.DropColumn(
                name: "RunningCostChargeId",
                table: "BankStatementLine");
        }
    }
}
