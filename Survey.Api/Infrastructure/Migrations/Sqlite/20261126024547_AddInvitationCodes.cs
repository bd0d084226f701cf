using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Survey.Api.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddInvitationCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "invitation_codes",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QuestionnaireId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Used = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revoked = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitation_codes", x => x.Hash);
                });

            migrationBuilder.CreateTable(
                name: "server_secrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_server_secrets", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_invitation_codes_QuestionnaireId_Tag",
                table: "invitation_codes",
                columns: new[] { "QuestionnaireId", "Tag" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invitation_codes");

            migrationBuilder.DropTable(
                name: "server_secrets");
        }
    }
}
