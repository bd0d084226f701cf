using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StoreResponseNumberWithTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "response_texts",
                type: "INTEGER",
                nullable: true);

            // Texts stored before get their response's number (texts of old-format responses not yet numbered get it when
            // LegacyAnswerConversion numbers them).
            migrationBuilder.Sql("""
                UPDATE response_texts SET "Seq" = (SELECT r."Seq" FROM responses r WHERE r."Id" = response_texts."ResponseId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Seq",
                table: "response_texts");
        }
    }
}
