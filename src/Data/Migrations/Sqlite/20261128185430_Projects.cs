using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Projects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AcceptanceRecord",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SurveyAnswers = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveyFlatsInScope = table.Column<int>(type: "INTEGER", nullable: false),
                    SurveyAverageHundredths = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcceptanceRecord", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcceptanceRecord_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConstructionUpdate",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WorkDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PercentDone = table.Column<int>(type: "INTEGER", nullable: false),
                    PostedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConstructionUpdate", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConstructionUpdate_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProblemReport",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reopened = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReopenedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemReport", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProblemReport_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionSurvey",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanItemId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    OpensAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionSurvey", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SatisfactionSurvey_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AcceptanceDocument",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AcceptanceRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AcceptanceDocument", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AcceptanceDocument_AcceptanceRecord_AcceptanceRecordId",
                        column: x => x.AcceptanceRecordId,
                        principalTable: "AcceptanceRecord",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AcceptanceDocument_StoredFile_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "StoredFile",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConstructionUpdatePhoto",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConstructionUpdateId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConstructionUpdatePhoto", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConstructionUpdatePhoto_ConstructionUpdate_ConstructionUpdateId",
                        column: x => x.ConstructionUpdateId,
                        principalTable: "ConstructionUpdate",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConstructionUpdatePhoto_StoredFile_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "StoredFile",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProblemReportPhoto",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProblemReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemReportPhoto", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProblemReportPhoto_ProblemReport_ProblemReportId",
                        column: x => x.ProblemReportId,
                        principalTable: "ProblemReport",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProblemReportPhoto_StoredFile_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "StoredFile",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurveyAnswer",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurveyId = table.Column<long>(type: "INTEGER", nullable: false),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyAnswer", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyAnswer_Flat_FlatId",
                        column: x => x.FlatId,
                        principalTable: "Flat",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurveyAnswer_SatisfactionSurvey_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "SatisfactionSurvey",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceDocument_AcceptanceRecordId",
                table: "AcceptanceDocument",
                column: "AcceptanceRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceDocument_StoredFileId",
                table: "AcceptanceDocument",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_AcceptanceRecord_PlanItemId",
                table: "AcceptanceRecord",
                column: "PlanItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConstructionUpdate_PlanItemId_PostedAt",
                table: "ConstructionUpdate",
                columns: new[] { "PlanItemId", "PostedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConstructionUpdatePhoto_ConstructionUpdateId",
                table: "ConstructionUpdatePhoto",
                column: "ConstructionUpdateId");

            migrationBuilder.CreateIndex(
                name: "IX_ConstructionUpdatePhoto_StoredFileId",
                table: "ConstructionUpdatePhoto",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemReport_PlanItemId_Status",
                table: "ProblemReport",
                columns: new[] { "PlanItemId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ProblemReport_ReportedBy",
                table: "ProblemReport",
                column: "ReportedBy");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemReportPhoto_ProblemReportId",
                table: "ProblemReportPhoto",
                column: "ProblemReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ProblemReportPhoto_StoredFileId",
                table: "ProblemReportPhoto",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionSurvey_CompoundId",
                table: "SatisfactionSurvey",
                column: "CompoundId");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionSurvey_PlanItemId",
                table: "SatisfactionSurvey",
                column: "PlanItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswer_CompoundId",
                table: "SurveyAnswer",
                column: "CompoundId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswer_FlatId",
                table: "SurveyAnswer",
                column: "FlatId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswer_SurveyId_FlatId",
                table: "SurveyAnswer",
                columns: new[] { "SurveyId", "FlatId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AcceptanceDocument");

            migrationBuilder.DropTable(
                name: "ConstructionUpdatePhoto");

            migrationBuilder.DropTable(
                name: "ProblemReportPhoto");

            migrationBuilder.DropTable(
                name: "SurveyAnswer");

            migrationBuilder.DropTable(
                name: "AcceptanceRecord");

            migrationBuilder.DropTable(
                name: "ConstructionUpdate");

            migrationBuilder.DropTable(
                name: "ProblemReport");

            migrationBuilder.DropTable(
                name: "SatisfactionSurvey");
        }
    }
}
