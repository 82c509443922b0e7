using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class H12_ClaimFactorsAndRepresentatives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VotingRepresentativeUserId",
                table: "OwnersOfRecord",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CertificateFileId",
                table: "LinkRequest",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InvitationCodeId",
                table: "LinkRequest",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VotingRepresentativeUserId",
                table: "OwnersOfRecord");

            migrationBuilder.DropColumn(
                name: "CertificateFileId",
                table: "LinkRequest");

            migrationBuilder.DropColumn(
                name: "InvitationCodeId",
                table: "LinkRequest");
        }
    }
}
