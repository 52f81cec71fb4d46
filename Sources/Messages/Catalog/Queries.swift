/// Headings, column names and lines of the queries and commands.
public struct Queries: Sendable {
}
