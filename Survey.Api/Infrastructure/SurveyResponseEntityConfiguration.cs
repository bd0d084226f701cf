using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Survey.Api.Model;

namespace Survey.Api.Infrastructure;

public sealed class SurveyResponseEntityConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("responses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.QuestionnaireId).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => new { r.QuestionnaireId, r.SubmittedAt });
        // A small number (0 web, 1 paper, 2 import); rows stored before the column existed were all web.
        builder.Property(r => r.Mode).HasConversion<short>().HasDefaultValue(ResponseMode.Web).HasSentinel(ResponseMode.Web);
        // SQLite's snapshot reads "Seq > last seen" per questionnaire, and every start-up read goes in number order;
        // unique, so a number is never given twice. On PostgreSQL the migration adds the sequence behind it and the
        // "TxId" column and index the snapshot reads new rows by (ResponseWriter, ResponseSnapshots): not in this model,
        // which both providers share.
        builder.HasIndex(r => new { r.QuestionnaireId, r.Seq }).IsUnique();
        // Texts (response_texts.ResponseId) are written only with their response, in the same statement or transaction
        // (ResponseRowWriter), and responses are never deleted: no foreign key, whose check on every text row was 29% of
        // PostgreSQL's time in a bulk import (perf, 1M responses).
        builder.Ignore(r => r.Texts);
    }
}
