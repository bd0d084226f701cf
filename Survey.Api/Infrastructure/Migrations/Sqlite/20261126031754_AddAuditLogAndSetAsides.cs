using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddAuditLogAndSetAsides : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: true),
                    PrevHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "set_asides",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QuestionnaireId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GroupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SetAsideBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SetAsideAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RestoredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RestoredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_set_asides", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "set_aside_responses",
                columns: table => new
                {
                    SetAsideId = table.Column<long>(type: "INTEGER", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_set_aside_responses", x => new { x.SetAsideId, x.Seq });
                    table.ForeignKey(
                        name: "FK_set_aside_responses_set_asides_SetAsideId",
                        column: x => x.SetAsideId,
                        principalTable: "set_asides",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_Target_Action",
                table: "audit_log",
                columns: new[] { "Target", "Action" });

            migrationBuilder.CreateIndex(
                name: "IX_set_asides_QuestionnaireId",
                table: "set_asides",
                column: "QuestionnaireId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "set_aside_responses");

            migrationBuilder.DropTable(
                name: "set_asides");
        }
    }
}
