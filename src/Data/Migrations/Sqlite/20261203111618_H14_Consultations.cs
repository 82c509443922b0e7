using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H14_Consultations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Consultation",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ScopeKind = table.Column<int>(type: "INTEGER", nullable: false),
                    BuildingId = table.Column<long>(type: "INTEGER", nullable: true),
                    EntranceId = table.Column<long>(type: "INTEGER", nullable: true),
                    OpensAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantsMayAnswer = table.Column<bool>(type: "INTEGER", nullable: false),
                    OptionsText = table.Column<string>(type: "TEXT", maxLength: 488, nullable: false),
                    PlanItemId = table.Column<long>(type: "INTEGER", nullable: true),
                    PlanVersionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConvenedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReminderAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Consultation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Consultation_Compound_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "Compound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Consultation_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationAnswer",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<long>(type: "INTEGER", nullable: false),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: false),
                    Choice = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PreferredOption = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AssistedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationAnswer", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationAnswer_Consultation_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConsultationAnswer_Flat_FlatId",
                        column: x => x.FlatId,
                        principalTable: "Flat",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationAnswerVersion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConsultationId = table.Column<long>(type: "INTEGER", nullable: false),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Choice = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PreferredOption = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AssistedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationAnswerVersion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationAnswerVersion_Consultation_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "Consultation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Consultation_CompoundId_ClosesAt",
                table: "Consultation",
                columns: new[] { "CompoundId", "ClosesAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Consultation_PlanItemId",
                table: "Consultation",
                column: "PlanItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswer_ConsultationId_FlatId",
                table: "ConsultationAnswer",
                columns: new[] { "ConsultationId", "FlatId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswer_FlatId",
                table: "ConsultationAnswer",
                column: "FlatId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationAnswerVersion_ConsultationId_FlatId_Revision",
                table: "ConsultationAnswerVersion",
                columns: new[] { "ConsultationId", "FlatId", "Revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsultationAnswer");

            migrationBuilder.DropTable(
                name: "ConsultationAnswerVersion");

            migrationBuilder.DropTable(
                name: "Consultation");
        }
    }
}
