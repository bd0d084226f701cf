namespace Survey.Api.Infrastructure;

public enum DatabaseProvider { Sqlite, Postgres }
