using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CityProgramme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CompoundProgrammes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    ProgrammeYear = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Buildings = table.Column<int>(type: "integer", nullable: false),
                    Households = table.Column<int>(type: "integer", nullable: false),
                    FloorAreaCents = table.Column<long>(type: "bigint", nullable: false),
                    PlannedInvestmentFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompoundProgrammes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompoundProgrammes_Compound_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "Compound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeFunds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompoundProgrammeId = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeFunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeFunds_CompoundProgrammes_CompoundProgrammeId",
                        column: x => x.CompoundProgrammeId,
                        principalTable: "CompoundProgrammes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompoundProgrammes_CompoundId_ProgrammeYear",
                table: "CompoundProgrammes",
                columns: new[] { "CompoundId", "ProgrammeYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompoundProgrammes_ProgrammeYear",
                table: "CompoundProgrammes",
                column: "ProgrammeYear");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeFunds_CompoundProgrammeId_Source",
                table: "ProgrammeFunds",
                columns: new[] { "CompoundProgrammeId", "Source" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgrammeFunds");

            migrationBuilder.DropTable(
                name: "CompoundProgrammes");
        }
    }
}
