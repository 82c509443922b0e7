using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H14_AcceptanceOpinions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "SignedBy",
                table: "AcceptanceRecord",
                newName: "RecordedBy");

            migrationBuilder.RenameColumn(
                name: "SignedAt",
                table: "AcceptanceRecord",
                newName: "RecordedAt");

            migrationBuilder.AddColumn<int>(
                name: "OpinionsAgree",
                table: "AcceptanceRecord",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OpinionsConditional",
                table: "AcceptanceRecord",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OpinionsDisagree",
                table: "AcceptanceRecord",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "OrganisedBy",
                table: "AcceptanceRecord",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "AcceptanceOpinion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Verdict = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    BuildingId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntranceId = table.Column<long>(type: "INTEGER", nullable: true),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: true),
                    GivenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcceptanceOpinion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcceptanceOpinion_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceOpinion_CompoundId",
                table: "AcceptanceOpinion",
                column: "CompoundId");

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceOpinion_PlanItemId_UserId",
                table: "AcceptanceOpinion",
                columns: new[] { "PlanItemId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AcceptanceOpinion");

            migrationBuilder.DropColumn(
                name: "OpinionsAgree",
                table: "AcceptanceRecord");

            migrationBuilder.DropColumn(
                name: "OpinionsConditional",
                table: "AcceptanceRecord");

            migrationBuilder.DropColumn(
                name: "OpinionsDisagree",
                table: "AcceptanceRecord");

            migrationBuilder.DropColumn(
                name: "OrganisedBy",
                table: "AcceptanceRecord");

            migrationBuilder.RenameColumn(
                name: "RecordedBy",
                table: "AcceptanceRecord",
                newName: "SignedBy");

            migrationBuilder.RenameColumn(
                name: "RecordedAt",
                table: "AcceptanceRecord",
                newName: "SignedAt");
        }
    }
}
