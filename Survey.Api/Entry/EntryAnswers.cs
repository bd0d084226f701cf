namespace Survey.Api.Entry; public static class EntryAnswers {}
