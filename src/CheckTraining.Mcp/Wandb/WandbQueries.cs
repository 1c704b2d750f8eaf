namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// Every GraphQL document the server sends. Fixed text with variables only: user input never enters a document.
/// The test suite validates each one against wandb-schema-full.graphql.
/// </summary>
public static class WandbQueries
{
    /// <summary>The key owner's default entity (the W&amp;B SDK's own viewer query).</summary>
    public static readonly ReadOnlyQuery Viewer = ReadOnlyQuery.Create("CheckTrainingViewer", """
        query CheckTrainingViewer {
          viewer { id entity }
        }
        """);

    /// <summary>Who a presented key belongs to, and the teams it is a member of (wandb-key mode's door).</summary>
    public static readonly ReadOnlyQuery Caller = ReadOnlyQuery.Create("CheckTrainingCaller", """
        query CheckTrainingCaller {
          viewer { id entity username teams(first: 100) { edges { node { name } } } }
        }
        """);

    /// <summary>
    /// One run with everything get_run_metrics needs except history rows, resolved three ways in one request:
    /// by run id (<c>byId</c>), or the newest run matching a filter (<c>newest</c>: display name, or none for latest),
    /// plus the ids of other runs sharing the display name (<c>others</c>). Without <c>$details</c> only the run's
    /// identity and state are read (enough to find a checkpoint folder).
    /// </summary>
    public static readonly ReadOnlyQuery Run = ReadOnlyQuery.Create("CheckTrainingRun", """
        query CheckTrainingRun($entity: String!, $project: String!, $runId: String!, $byId: Boolean!,
                               $byFilter: Boolean!, $filters: JSONString!, $listOthers: Boolean!,
                               $details: Boolean!, $configKeys: [String!]) {
          project(name: $project, entityName: $entity) {
            name
            byId: run(name: $runId) @include(if: $byId) { ...CheckTrainingRunDetail }
            newest: runs(filters: $filters, order: "-created_at", first: 1) @include(if: $byFilter) {
              edges { node { ...CheckTrainingRunDetail } }
            }
            others: runs(filters: $filters, order: "-created_at", first: 6) @include(if: $listOthers) {
              edges { node { name createdAt state } }
            }
          }
        }
        fragment CheckTrainingRunDetail on Run {
          name displayName state createdAt heartbeatAt computeSeconds historyLineCount group sweepName
          runInfo { gpu gpuCount }
          config(keys: $configKeys) @include(if: $details)
          summaryMetrics @include(if: $details)
          historyKeys @include(if: $details)
        }
        """);

    /// <summary>
    /// The second request: everything about a found run that a report needs beyond its summary, each part included
    /// only when asked. History (one spec per series, outer-joined on _step by the caller: W&amp;B returns only rows holding
    /// every key of a spec), the system-metrics sample (GPU use; only in <c>events</c>, never in history), the console
    /// tail, a baseline run found by filter with its own history under the same specs, and the run's live siblings (the
    /// other trials of its group or sweep, which may share its Modal app).
    /// </summary>
    public static readonly ReadOnlyQuery RunDetails = ReadOnlyQuery.Create("CheckTrainingRunDetails", """
        query CheckTrainingRunDetails($entity: String!, $project: String!, $runId: String!,
                                      $withHistory: Boolean!, $specs: [JSONString!]!,
                                      $withEvents: Boolean!, $eventSamples: Int,
                                      $withLogs: Boolean!, $logTail: Int,
                                      $withBaseline: Boolean!, $baselineFilters: JSONString!, $baselineSpecs: [JSONString!]!,
                                      $withSiblings: Boolean!, $siblingFilters: JSONString!) {
          project(name: $project, entityName: $entity) {
            run(name: $runId) {
              sampledHistory(specs: $specs) @include(if: $withHistory)
              events(samples: $eventSamples) @include(if: $withEvents)
              eventsTail @include(if: $withEvents)
              logLineCount @include(if: $withLogs)
              logLines(last: $logTail) @include(if: $withLogs) { edges { node { number timestamp level line } } }
            }
            baseline: runs(filters: $baselineFilters, order: "-created_at", first: 1) @include(if: $withBaseline) {
              edges {
                node {
                  name displayName state createdAt heartbeatAt computeSeconds historyLineCount
                  runInfo { gpu gpuCount }
                  config summaryMetrics
                  sampledHistory(specs: $baselineSpecs)
                }
              }
            }
            siblings: runs(filters: $siblingFilters, order: "-created_at", first: 10) @include(if: $withSiblings) {
              edges { node { name displayName state heartbeatAt } }
            }
          }
        }
        """);

    /// <summary>
    /// The newest runs, with only the summary and config keys the listing shows, and each run's loss curve sampled to a
    /// few points (for its sparkline) in the same request.
    /// </summary>
    public static readonly ReadOnlyQuery RecentRuns = ReadOnlyQuery.Create("CheckTrainingRecentRuns", """
        query CheckTrainingRecentRuns($entity: String!, $project: String!, $filters: JSONString!, $first: Int!,
                                      $summaryKeys: [String!], $configKeys: [String!], $lossSpecs: [JSONString!]!) {
          project(name: $project, entityName: $entity) {
            name
            runs(filters: $filters, order: "-created_at", first: $first) {
              edges {
                node {
                  name displayName state createdAt heartbeatAt computeSeconds
                  runInfo { gpu gpuCount }
                  summaryMetrics(keys: $summaryKeys) config(keys: $configKeys)
                  sampledHistory(specs: $lossSpecs)
                }
              }
            }
          }
        }
        """);

    public static IReadOnlyList<ReadOnlyQuery> All { get; } = [Viewer, Caller, Run, RunDetails, RecentRuns];
}
