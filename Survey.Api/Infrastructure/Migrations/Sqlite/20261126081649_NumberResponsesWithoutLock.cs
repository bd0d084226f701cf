using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NumberResponsesWithoutLock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_response_texts_responses_ResponseId",
                table: "response_texts");

            migrationBuilder.DropIndex(
                name: "IX_response_texts_QuestionnaireId_QuestionId",
                table: "response_texts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_response_texts_QuestionnaireId_QuestionId",
                table: "response_texts",
                columns: new[] { "QuestionnaireId", "QuestionId" });

            migrationBuilder.AddForeignKey(
                name: "FK_response_texts_responses_ResponseId",
                table: "response_texts",
                column: "ResponseId",
                principalTable: "responses",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
