using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class H16_DeliveryLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ExpiredLeases",
                table: "NotificationDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "NotificationDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationDeliveries_EventId_Channel_Status",
                table: "NotificationDeliveries",
                columns: new[] { "EventId", "Channel", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NotificationDeliveries_EventId_Channel_Status",
                table: "NotificationDeliveries");

            migrationBuilder.DropColumn(
                name: "ExpiredLeases",
                table: "NotificationDeliveries");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "NotificationDeliveries");
        }
    }
}
