using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompactResponsePatterns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Patterns",
                table: "responses",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "responses",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "questionnaire_layout",
                columns: table => new
                {
                    QuestionnaireId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OptionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    Bit = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questionnaire_layout", x => new { x.QuestionnaireId, x.QuestionId, x.OptionId });
                });

            migrationBuilder.CreateTable(
                name: "response_counters",
                columns: table => new
                {
                    QuestionnaireId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastSeq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_counters", x => x.QuestionnaireId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_responses_QuestionnaireId_Seq",
                table: "responses",
                columns: new[] { "QuestionnaireId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_questionnaire_layout_QuestionnaireId_Slot_Bit",
                table: "questionnaire_layout",
                columns: new[] { "QuestionnaireId", "Slot", "Bit" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "questionnaire_layout");

            migrationBuilder.DropTable(
                name: "response_counters");

            migrationBuilder.DropIndex(
                name: "IX_responses_QuestionnaireId_Seq",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "Patterns",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "responses");
        }
    }
}
