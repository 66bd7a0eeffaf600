import Testing

/// The reliability and security suite. Every area nests its suite in this one (`extension Reliability { @Suite
/// struct … }`) so the summary trait sees all of them finish before it prints the figures.
@Suite(.reliabilitySummary)
struct Reliability {}
