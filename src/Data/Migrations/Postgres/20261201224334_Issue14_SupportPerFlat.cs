using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue14_SupportPerFlat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FlatId",
                table: "ProposalSupport",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProposalSupport_ProposalId_FlatId",
                table: "ProposalSupport",
                columns: new[] { "ProposalId", "FlatId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProposalSupport_ProposalId_FlatId",
                table: "ProposalSupport");

            migrationBuilder.DropColumn(
                name: "FlatId",
                table: "ProposalSupport");
        }
    }
}
