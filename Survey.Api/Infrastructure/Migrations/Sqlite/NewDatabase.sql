CREATE TABLE IF NOT EXISTS "__ef_migrations_history" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___ef_migrations_history" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "responses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_responses" PRIMARY KEY,
    "QuestionnaireId" TEXT NOT NULL,
    "QuestionnaireVersion" INTEGER NOT NULL,
    "SubmittedAt" TEXT NOT NULL
);

CREATE TABLE "idempotency_keys" (
    "KeyHash" TEXT NOT NULL CONSTRAINT "PK_idempotency_keys" PRIMARY KEY,
    "RequestHash" TEXT NOT NULL,
    "ResponseId" TEXT NOT NULL,
    CONSTRAINT "FK_idempotency_keys_responses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "responses" ("Id") ON DELETE CASCADE
);

CREATE TABLE "response_answers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_response_answers" PRIMARY KEY AUTOINCREMENT,
    "ResponseId" TEXT NOT NULL,
    "QuestionnaireId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "OptionId" TEXT NOT NULL,
    CONSTRAINT "FK_response_answers_responses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "responses" ("Id") ON DELETE CASCADE
);

CREATE TABLE "response_texts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_response_texts" PRIMARY KEY AUTOINCREMENT,
    "ResponseId" TEXT NOT NULL,
    "QuestionnaireId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "OptionId" TEXT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_response_texts_responses_ResponseId" FOREIGN KEY ("ResponseId") REFERENCES "responses" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_idempotency_keys_ResponseId" ON "idempotency_keys" ("ResponseId");

CREATE INDEX "IX_response_answers_QuestionnaireId_QuestionId_OptionId" ON "response_answers" ("QuestionnaireId", "QuestionId", "OptionId");

CREATE UNIQUE INDEX "IX_response_answers_ResponseId_QuestionId_OptionId" ON "response_answers" ("ResponseId", "QuestionId", "OptionId");

CREATE INDEX "IX_response_texts_QuestionnaireId_QuestionId" ON "response_texts" ("QuestionnaireId", "QuestionId");

CREATE INDEX "IX_response_texts_ResponseId" ON "response_texts" ("ResponseId");

CREATE INDEX "IX_responses_QuestionnaireId_SubmittedAt" ON "responses" ("QuestionnaireId", "SubmittedAt");

INSERT INTO "__ef_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261125002404_InitialCreate', '10.0.0');

ALTER TABLE "responses" ADD "Patterns" BLOB NULL;

ALTER TABLE "responses" ADD "Seq" INTEGER NULL;

CREATE TABLE "questionnaire_layout" (
    "QuestionnaireId" TEXT NOT NULL,
    "QuestionId" TEXT NOT NULL,
    "OptionId" TEXT NOT NULL,
    "Slot" INTEGER NOT NULL,
    "Bit" INTEGER NOT NULL,
    CONSTRAINT "PK_questionnaire_layout" PRIMARY KEY ("QuestionnaireId", "QuestionId", "OptionId")
);

CREATE TABLE "response_counters" (
    "QuestionnaireId" TEXT NOT NULL CONSTRAINT "PK_response_counters" PRIMARY KEY,
    "LastSeq" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_responses_QuestionnaireId_Seq" ON "responses" ("QuestionnaireId", "Seq");

CREATE UNIQUE INDEX "IX_questionnaire_layout_QuestionnaireId_Slot_Bit" ON "questionnaire_layout" ("QuestionnaireId", "Slot", "Bit");

INSERT INTO "__ef_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261125235416_CompactResponsePatterns', '10.0.0');

CREATE TABLE "assessment_entries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_assessment_entries" PRIMARY KEY AUTOINCREMENT,
    "QuestionnaireId" TEXT NOT NULL,
    "RoundId" TEXT NOT NULL,
    "OrganisationId" TEXT NOT NULL,
    "Self" REAL NULL,
    "Review" REAL NULL,
    "EnteredBy" TEXT NOT NULL,
    "EnteredAt" TEXT NOT NULL
);

CREATE INDEX "IX_assessment_entries_QuestionnaireId_RoundId_OrganisationId_Id" ON "assessment_entries" ("QuestionnaireId", "RoundId", "OrganisationId", "Id");

INSERT INTO "__ef_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261126002246_AddAssessments', '10.0.0');

CREATE TABLE "invitation_codes" (
    "Hash" TEXT NOT NULL CONSTRAINT "PK_invitation_codes" PRIMARY KEY,
    "QuestionnaireId" TEXT NOT NULL,
    "Tag" TEXT NULL,
    "CreatedOn" TEXT NOT NULL,
    "Used" INTEGER NOT NULL,
    "Revoked" INTEGER NOT NULL
);

CREATE TABLE "server_secrets" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_server_secrets" PRIMARY KEY,
    "Value" BLOB NOT NULL
);

CREATE INDEX "IX_invitation_codes_QuestionnaireId_Tag" ON "invitation_codes" ("QuestionnaireId", "Tag");

INSERT INTO "__ef_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261126024547_AddInvitationCodes', '10.0.0');

CREATE TABLE "audit_log" (
    "Seq" INTEGER NOT NULL CONSTRAINT "PK_audit_log" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NULL,
    "Details" TEXT NULL,
    "PrevHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE TABLE "set_asides" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_set_asides" PRIMARY KEY AUTOINCREMENT,
    "QuestionnaireId" TEXT NOT NULL,
    "Rule" TEXT NOT NULL,
    "GroupKey" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "SetAsideBy" TEXT NOT NULL,
    "SetAsideAt" TEXT NOT NULL,
    "RestoredBy" TEXT NULL,
    "RestoredAt" TEXT NULL
);

CREATE TABLE "set_aside_responses" (
    "SetAsideId" INTEGER NOT NULL,
    "Seq" INTEGER NOT NULL,
    CONSTRAINT "PK_set_aside_responses" PRIMARY KEY ("SetAsideId", "Seq"),
    CONSTRAINT "FK_set_aside_responses_set_asides_SetAsideId" FOREIGN KEY ("SetAsideId") REFERENCES "set_asides" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_audit_log_Target_Action" ON "audit_log" ("Target", "Action");

CREATE INDEX "IX_set_asides_QuestionnaireId" ON "set_asides" ("QuestionnaireId");

INSERT INTO "__ef_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261126031754_AddAuditLogAndSetAsides', '10.0.0');

ALTER TABLE "responses" ADD "Mode" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "entry_batches" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_entry_batches" PRIMARY KEY,
    "QuestionnaireId" TEXT NOT NULL,
    "Label" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL,
    "AcceptedCount" INTEGER NOT NULL
);

CREATE TABLE "entry_forms" (
    "BatchId" TEXT NOT NULL,
    "Copy" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Answers" TEXT NOT NULL,
    "FilledOn" TEXT NULL,
    "EnteredAt" TEXT NOT NULL,
    CONSTRAINT "PK_entry_forms" PRIMARY KEY ("BatchId", "Copy", "Number"),
    CONSTRAINT "FK_entry_forms_entry_batches_BatchId" FOREIGN KEY ("BatchId") REFERENCES "entry_batches" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_entry_batches_QuestionnaireId_CreatedAt" ON "entry_batches" ("QuestionnaireId", "CreatedAt");

INSERT INTO "__ef_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261126033808_AddResponseModeAndDataEntry', '10.0.0');

DROP INDEX "IX_response_texts_QuestionnaireId_QuestionId";

CREATE TABLE "ef_temp_response_texts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_response_texts" PRIMARY KEY AUTOINCREMENT,
    "OptionId" TEXT NULL,
    "QuestionId" TEXT NOT NULL,
    "QuestionnaireId" TEXT NOT NULL,
    "ResponseId" TEXT NOT NULL,
    "Text" TEXT NOT NULL
);

INSERT INTO "ef_temp_response_texts" ("Id", "OptionId", "QuestionId", "QuestionnaireId", "ResponseId", "Text")
SELECT "Id", "OptionId", "QuestionId", "QuestionnaireId", "ResponseId", "Text"
FROM "response_texts";

PRAGMA foreign_keys = 0;

DROP TABLE "response_texts";

ALTER TABLE "ef_temp_response_texts" RENAME TO "response_texts";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_response_texts_ResponseId" ON "response_texts" ("ResponseId");

INSERT INTO "__ef_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261126081649_NumberResponsesWithoutLock', '10.0.0');

ALTER TABLE "response_texts" ADD "Seq" INTEGER NULL;

UPDATE response_texts SET "Seq" = (SELECT r."Seq" FROM responses r WHERE r."Id" = response_texts."ResponseId");

INSERT INTO "__ef_migrations_history" ("MigrationId", "ProductVersion")
VALUES ('20261126165038_StoreResponseNumberWithTexts', '10.0.0');

