import Testing

/// The reliability and security suite. Every area nests its suite in this one (`extension Reliability { @Suite
/// struct … }`) so the summary trait sees all of them finish before it prints the figures. Serialized: each area
/// already runs its cases concurrently, and on a 2-core machine the areas together would starve each other (and
/// the other test targets running beside them) into timeouts that say nothing about tideblob.
@Suite(.serialized, .reliabilitySummary)
struct Reliability {}
