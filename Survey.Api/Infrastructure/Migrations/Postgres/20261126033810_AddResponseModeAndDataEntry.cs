using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddResponseModeAndDataEntry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<short>(
                name: "Mode",
                table: "responses",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.CreateTable(
                name: "entry_batches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionnaireId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entry_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "entry_forms",
                columns: table => new
                {
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    Copy = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Answers = table.Column<string>(type: "text", nullable: false),
                    FilledOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_entry_forms", x => new { x.BatchId, x.Copy, x.Number });
                    table.ForeignKey(
                        name: "FK_entry_forms_entry_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "entry_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_entry_batches_QuestionnaireId_CreatedAt",
                table: "entry_batches",
                columns: new[] { "QuestionnaireId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "entry_forms");

            migrationBuilder.DropTable(
                name: "entry_batches");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "responses");
        }
    }
}
