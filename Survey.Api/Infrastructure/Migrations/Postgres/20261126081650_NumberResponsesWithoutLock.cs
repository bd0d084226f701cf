using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Postgres
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

            // Numbers from a sequence instead of the counter row's lock (ResponseWriter), continuing above every number
            // given so far; the transaction that stored each row, for the snapshot's reads (ResponseSnapshots). Rows
            // stored before get this migration's transaction, which every later reader sees as already committed.
            migrationBuilder.Sql("""
                CREATE SEQUENCE responses_seq OWNED BY responses."Seq";
                SELECT setval('responses_seq', GREATEST(
                    (SELECT COALESCE(MAX("Seq"), 0) FROM responses), (SELECT COALESCE(MAX("LastSeq"), 0) FROM response_counters)) + 1, false);
                ALTER TABLE responses ALTER COLUMN "Seq" SET DEFAULT nextval('responses_seq');
                ALTER TABLE responses ADD COLUMN "TxId" xid8 NOT NULL DEFAULT pg_current_xact_id();
                CREATE INDEX "IX_responses_QuestionnaireId_TxId" ON responses ("QuestionnaireId", "TxId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO response_counters ("QuestionnaireId", "LastSeq")
                SELECT "QuestionnaireId", MAX("Seq") FROM responses WHERE "Seq" IS NOT NULL GROUP BY "QuestionnaireId"
                ON CONFLICT ("QuestionnaireId") DO UPDATE SET "LastSeq" = GREATEST(response_counters."LastSeq", excluded."LastSeq");
                DROP INDEX "IX_responses_QuestionnaireId_TxId";
                ALTER TABLE responses DROP COLUMN "TxId";
                ALTER TABLE responses ALTER COLUMN "Seq" DROP DEFAULT;
                DROP SEQUENCE responses_seq;
                """);

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
