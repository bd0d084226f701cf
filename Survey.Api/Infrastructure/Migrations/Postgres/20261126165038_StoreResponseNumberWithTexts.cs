using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            // Texts stored before get their response's number (texts of old-format responses not yet numbered get it when
            // LegacyAnswerConversion numbers them).
            migrationBuilder.Sql("""
                UPDATE response_texts t SET "Seq" = r."Seq" FROM responses r WHERE r."Id" = t."ResponseId" AND r."Seq" IS NOT NULL;
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
