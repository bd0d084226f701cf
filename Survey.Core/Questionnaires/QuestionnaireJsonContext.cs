using System.Text.Json.Serialization;
using Survey.Core.Definitions;

namespace Survey.Core.Questionnaires;

/// <summary>
/// Compile-time JSON metadata for questionnaire files (<see cref="QuestionnaireJson.Options"/>): without it every
/// process that loads a questionnaire (the server, <c>script/import</c>) builds the metadata by reflection and emits
/// and JIT-compiles accessors for every property, about 500 methods that the ahead-of-time image cannot hold (README
/// "Measured", session 12).
/// </summary>
[JsonSerializable(typeof(Questionnaire))]
internal sealed partial class QuestionnaireJsonContext : JsonSerializerContext;
