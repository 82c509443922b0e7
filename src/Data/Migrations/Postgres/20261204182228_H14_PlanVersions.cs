using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H14_PlanVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PlanVersionId",
                table: "Matter",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlanPhaseSkip",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanItemId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    Phase = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    By = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanPhaseSkip", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanPhaseSkip_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanVersion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanItemId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Changes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ImplementingBody = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Designer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Contractor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Supervisor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublicationEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NoticeId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanVersion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanVersion_PlanItem_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "PlanItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanBudgetLine",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanVersionId = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanBudgetLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanBudgetLine_PlanVersion_PlanVersionId",
                        column: x => x.PlanVersionId,
                        principalTable: "PlanVersion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanComment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanVersionId = table.Column<long>(type: "bigint", nullable: false),
                    PlanItemId = table.Column<long>(type: "bigint", nullable: false),
                    CompoundId = table.Column<long>(type: "bigint", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredInVersionId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanComment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanComment_PlanVersion_PlanVersionId",
                        column: x => x.PlanVersionId,
                        principalTable: "PlanVersion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanVersionDocument",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanVersionId = table.Column<long>(type: "bigint", nullable: false),
                    StoredFileId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanVersionDocument", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanVersionDocument_PlanVersion_PlanVersionId",
                        column: x => x.PlanVersionId,
                        principalTable: "PlanVersion",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlanVersionDocument_StoredFile_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "StoredFile",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanBudgetLine_PlanVersionId",
                table: "PlanBudgetLine",
                column: "PlanVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanComment_AuthorId",
                table: "PlanComment",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanComment_PlanItemId_At",
                table: "PlanComment",
                columns: new[] { "PlanItemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanComment_PlanVersionId",
                table: "PlanComment",
                column: "PlanVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanPhaseSkip_PlanItemId_Phase",
                table: "PlanPhaseSkip",
                columns: new[] { "PlanItemId", "Phase" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanVersion_CompoundId",
                table: "PlanVersion",
                column: "CompoundId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanVersion_PlanItemId_Number",
                table: "PlanVersion",
                columns: new[] { "PlanItemId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanVersionDocument_PlanVersionId",
                table: "PlanVersionDocument",
                column: "PlanVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanVersionDocument_StoredFileId",
                table: "PlanVersionDocument",
                column: "StoredFileId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanBudgetLine");

            migrationBuilder.DropTable(
                name: "PlanComment");

            migrationBuilder.DropTable(
                name: "PlanPhaseSkip");

            migrationBuilder.DropTable(
                name: "PlanVersionDocument");

            migrationBuilder.DropTable(
                name: "PlanVersion");

            migrationBuilder.DropColumn(
                name: "PlanVersionId",
                table: "Matter");
        }
    }
}
