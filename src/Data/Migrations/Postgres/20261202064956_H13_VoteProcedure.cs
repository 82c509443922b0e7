using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H13_VoteProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CountSheetFileId",
                table: "Vote",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CountedAt",
                table: "Vote",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CountingDays",
                table: "Vote",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CountingEndsAt",
                table: "Vote",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreliminaryRound",
                table: "Vote",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "CorrectionId",
                table: "Objection",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Outcome",
                table: "Objection",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Body",
                table: "Matter",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Elevator",
                table: "Matter",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OccupiedFlats",
                table: "Matter",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReceivedAt",
                table: "BallotVersion",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BallotPaper",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VoteId = table.Column<long>(type: "bigint", nullable: false),
                    FlatId = table.Column<long>(type: "bigint", nullable: false),
                    OwnerOfRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotPaper", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotPaper_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CountCorrection",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VoteId = table.Column<long>(type: "bigint", nullable: false),
                    ObjectionId = table.Column<long>(type: "bigint", nullable: true),
                    OwnerOfRecordId = table.Column<long>(type: "bigint", nullable: false),
                    FlatId = table.Column<long>(type: "bigint", nullable: true),
                    ChoicesBefore = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ChoicesAfter = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    By = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CountCorrection", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CountCorrection_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteScrutineer",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    VoteId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NamedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    NamedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteScrutineer", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteScrutineer_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BallotPaper_VoteId_CodeHash",
                table: "BallotPaper",
                columns: new[] { "VoteId", "CodeHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotPaper_VoteId_FlatId",
                table: "BallotPaper",
                columns: new[] { "VoteId", "FlatId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BallotPaper_VoteId_Number",
                table: "BallotPaper",
                columns: new[] { "VoteId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CountCorrection_VoteId",
                table: "CountCorrection",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_VoteScrutineer_VoteId_UserId",
                table: "VoteScrutineer",
                columns: new[] { "VoteId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BallotPaper");

            migrationBuilder.DropTable(
                name: "CountCorrection");

            migrationBuilder.DropTable(
                name: "VoteScrutineer");

            migrationBuilder.DropColumn(
                name: "CountSheetFileId",
                table: "Vote");

            migrationBuilder.DropColumn(
                name: "CountedAt",
                table: "Vote");

            migrationBuilder.DropColumn(
                name: "CountingDays",
                table: "Vote");

            migrationBuilder.DropColumn(
                name: "CountingEndsAt",
                table: "Vote");

            migrationBuilder.DropColumn(
                name: "PreliminaryRound",
                table: "Vote");

            migrationBuilder.DropColumn(
                name: "CorrectionId",
                table: "Objection");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Objection");

            migrationBuilder.DropColumn(
                name: "Body",
                table: "Matter");

            migrationBuilder.DropColumn(
                name: "Elevator",
                table: "Matter");

            migrationBuilder.DropColumn(
                name: "OccupiedFlats",
                table: "Matter");

            migrationBuilder.DropColumn(
                name: "ReceivedAt",
                table: "BallotVersion");
        }
    }
}
