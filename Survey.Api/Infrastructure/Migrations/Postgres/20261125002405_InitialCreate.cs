using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionnaireId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionnaireVersion = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => x.KeyHash);
                    table.ForeignKey(
                        name: "FK_idempotency_keys_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "response_answers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionnaireId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OptionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_response_answers_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "response_texts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionnaireId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OptionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_response_texts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_response_texts_responses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "responses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_keys_ResponseId",
                table: "idempotency_keys",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_response_answers_QuestionnaireId_QuestionId_OptionId",
                table: "response_answers",
                columns: new[] { "QuestionnaireId", "QuestionId", "OptionId" });

            migrationBuilder.CreateIndex(
                name: "IX_response_answers_ResponseId_QuestionId_OptionId",
                table: "response_answers",
                columns: new[] { "ResponseId", "QuestionId", "OptionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_response_texts_QuestionnaireId_QuestionId",
                table: "response_texts",
                columns: new[] { "QuestionnaireId", "QuestionId" });

            migrationBuilder.CreateIndex(
                name: "IX_response_texts_ResponseId",
                table: "response_texts",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_responses_QuestionnaireId_SubmittedAt",
                table: "responses",
                columns: new[] { "QuestionnaireId", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "response_answers");

            migrationBuilder.DropTable(
                name: "response_texts");

            migrationBuilder.DropTable(
                name: "responses");
        }
    }
}
