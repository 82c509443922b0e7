using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H12_AssistedSignUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssistedSignUp",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompoundId = table.Column<long>(type: "INTEGER", nullable: false),
                    FlatId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerUserId = table.Column<string>(type: "TEXT", nullable: false),
                    AssistedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    AssistedAs = table.Column<int>(type: "INTEGER", nullable: true),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ConsentFileId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistedSignUp", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssistedSignUp_AspNetUsers_AssistedByUserId",
                        column: x => x.AssistedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssistedSignUp_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssistedSignUp_Compound_CompoundId",
                        column: x => x.CompoundId,
                        principalTable: "Compound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssistedSignUp_Flat_FlatId",
                        column: x => x.FlatId,
                        principalTable: "Flat",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssistedSignUp_AssistedByUserId",
                table: "AssistedSignUp",
                column: "AssistedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AssistedSignUp_CompoundId_FlatId",
                table: "AssistedSignUp",
                columns: new[] { "CompoundId", "FlatId" });

            migrationBuilder.CreateIndex(
                name: "IX_AssistedSignUp_FlatId",
                table: "AssistedSignUp",
                column: "FlatId");

            migrationBuilder.CreateIndex(
                name: "IX_AssistedSignUp_OwnerUserId",
                table: "AssistedSignUp",
                column: "OwnerUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssistedSignUp");
        }
    }
}
