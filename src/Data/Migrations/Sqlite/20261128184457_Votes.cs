using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Votes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Vote",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ScopeKind = table.Column<int>(type: "INTEGER", nullable: false),
                    BuildingId = table.Column<long>(type: "INTEGER", nullable: true),
                    EntranceId = table.Column<long>(type: "INTEGER", nullable: true),
                    OpensAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosesAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ObjectionPeriodDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ReminderHoursBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PreliminaryAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ObjectionDeadline = table.Column<long>(type: "INTEGER", nullable: true),
                    FinalAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vote", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Vote_Compound_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "Compound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BallotVersion",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerOfRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ChoicesText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReceiptCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    CastAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CastBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: true),
                    PaperDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AuthorisationReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BallotVersion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BallotVersion_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CurrentBallot",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerOfRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceiptCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BallotVersionId = table.Column<long>(type: "INTEGER", nullable: false),
                    CastAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CurrentBallot", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CurrentBallot_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CurrentChoice",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerOfRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    MatterId = table.Column<long>(type: "INTEGER", nullable: false),
                    Choice = table.Column<int>(type: "INTEGER", nullable: false),
                    OptionId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CurrentChoice", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CurrentChoice_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ElectorateFlat",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerOfRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuildingId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntranceId = table.Column<long>(type: "INTEGER", nullable: false),
                    AreaCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElectorateFlat", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ElectorateFlat_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ElectorateMember",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerOfRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    AreaCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElectorateMember", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ElectorateMember_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Matter",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Rule = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposalId = table.Column<long>(type: "INTEGER", nullable: true),
                    QuorumAreaNumerator = table.Column<int>(type: "INTEGER", nullable: false),
                    QuorumAreaDenominator = table.Column<int>(type: "INTEGER", nullable: false),
                    QuorumAreaInclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    QuorumOwnersNumerator = table.Column<int>(type: "INTEGER", nullable: false),
                    QuorumOwnersDenominator = table.Column<int>(type: "INTEGER", nullable: false),
                    QuorumOwnersInclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApprovalAreaNumerator = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovalAreaDenominator = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovalAreaInclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApprovalOwnersNumerator = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovalOwnersDenominator = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovalOwnersInclusive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Matter", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Matter_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Objection",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objection", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Objection_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VoteAuditEntry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VoteAuditEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VoteAuditEntry_Vote_VoteId",
                        column: x => x.VoteId,
                        principalTable: "Vote",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatterOption",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MatterId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatterOption", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatterOption_Matter_MatterId",
                        column: x => x.MatterId,
                        principalTable: "Matter",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BallotVersion_VoteId_OwnerOfRecordId_Version",
                table: "BallotVersion",
                columns: new[] { "VoteId", "OwnerOfRecordId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CurrentBallot_VoteId_OwnerOfRecordId",
                table: "CurrentBallot",
                columns: new[] { "VoteId", "OwnerOfRecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CurrentBallot_VoteId_ReceiptCode",
                table: "CurrentBallot",
                columns: new[] { "VoteId", "ReceiptCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CurrentChoice_MatterId_Choice",
                table: "CurrentChoice",
                columns: new[] { "MatterId", "Choice" });

            migrationBuilder.CreateIndex(
                name: "IX_CurrentChoice_VoteId_OwnerOfRecordId_MatterId",
                table: "CurrentChoice",
                columns: new[] { "VoteId", "OwnerOfRecordId", "MatterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ElectorateFlat_VoteId_FlatId",
                table: "ElectorateFlat",
                columns: new[] { "VoteId", "FlatId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ElectorateFlat_VoteId_OwnerOfRecordId",
                table: "ElectorateFlat",
                columns: new[] { "VoteId", "OwnerOfRecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_ElectorateMember_VoteId_OwnerOfRecordId",
                table: "ElectorateMember",
                columns: new[] { "VoteId", "OwnerOfRecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Matter_VoteId_Position",
                table: "Matter",
                columns: new[] { "VoteId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_MatterOption_MatterId_Position",
                table: "MatterOption",
                columns: new[] { "MatterId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Objection_VoteId",
                table: "Objection",
                column: "VoteId");

            migrationBuilder.CreateIndex(
                name: "IX_Vote_CompoundId_Status",
                table: "Vote",
                columns: new[] { "CompoundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VoteAuditEntry_VoteId_Sequence",
                table: "VoteAuditEntry",
                columns: new[] { "VoteId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BallotVersion");

            migrationBuilder.DropTable(
                name: "CurrentBallot");

            migrationBuilder.DropTable(
                name: "CurrentChoice");

            migrationBuilder.DropTable(
                name: "ElectorateFlat");

            migrationBuilder.DropTable(
                name: "ElectorateMember");

            migrationBuilder.DropTable(
                name: "MatterOption");

            migrationBuilder.DropTable(
                name: "Objection");

            migrationBuilder.DropTable(
                name: "VoteAuditEntry");

            migrationBuilder.DropTable(
                name: "Matter");

            migrationBuilder.DropTable(
                name: "Vote");
        }
    }
}
