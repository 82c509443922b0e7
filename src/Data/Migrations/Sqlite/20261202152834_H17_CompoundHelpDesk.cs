using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H17_CompoundHelpDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HelpHours",
                table: "Compound",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HelpPhone",
                table: "Compound",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HelpPlace",
                table: "Compound",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IssuingUnit",
                table: "Compound",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HelpHours",
                table: "Compound");

            migrationBuilder.DropColumn(
                name: "HelpPhone",
                table: "Compound");

            migrationBuilder.DropColumn(
                name: "HelpPlace",
                table: "Compound");

            migrationBuilder.DropColumn(
                name: "IssuingUnit",
                table: "Compound");
        }
    }
}
