# Sourced by script/server, script/import and script/bench: builds the server as it is deployed, a Release publish
# compiled ahead of time (ReadyToRun: the app and its libraries, EF Core and Npgsql included, start without waiting for
# the JIT; measured in README "Measured"), into one folder, and sets SURVEY_API_DLL to its Survey.Api.dll.
#   server_build [extra dotnet publish arguments...]
server_build() {
  local rid
  rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
  SURVEY_API_DLL="$PWD/Survey.Api/bin/Release/net10.0/$rid/publish/Survey.Api.dll"
  dotnet publish Survey.Api -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    -o "$(dirname "$SURVEY_API_DLL")" -v q -nologo -clp:NoSummary "$@"
  export SURVEY_API_DLL
}
