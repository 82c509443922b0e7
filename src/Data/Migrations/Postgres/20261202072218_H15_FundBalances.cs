using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H15_FundBalances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.DropColumn(
                name: "FundUseMatterId",
                table: "FundingPlan");

            migrationBuilder.DropColumn(
                name: "FundUseVoteId",
                table: "FundingPlan");
        }
    }
}
