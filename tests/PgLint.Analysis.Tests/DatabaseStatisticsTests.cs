using FluentAssertions;
using NUnit.Framework;

namespace PgLint.Analysis.Tests;

public sealed class DatabaseStatisticsTests
{
    private static readonly DatabaseStatistics Sample = new()
    {
        Database = "shop",
        ServerVersionNumber = 150004,
        CollectedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Tables =
        [
            new TableStatistics { Schema = "public", Name = "orders", Rows = 12_000_000, Pages = 150_000, TableBytes = 1_228_800_000, TotalBytes = 2_000_000_000, DeadTuples = 42 },
            new TableStatistics { Schema = "billing", Name = "orders", Rows = 10 },
            new TableStatistics { Schema = "billing", Name = "invoices", Rows = 5 },
        ],
        Indexes = [new IndexStatistics { Schema = "public", Name = "orders_pkey", Table = "orders", Scans = 7, Bytes = 8192 }],
    };

    [Test]
    public void The_json_file_round_trips_with_camel_case_names_and_no_nulls()
    {
        var json = Sample.ToJson();

        json.Should().Contain("\"formatVersion\": 1").And.Contain("\"rows\": 12000000").And.Contain("\"tableBytes\": 1228800000").And.NotContain("null");
        var back = DatabaseStatistics.Parse(json, "stats.json");
        back.ToJson().Should().Be(json);
        back.FindTable(new QualifiedName("public", "orders"))!.DeadTuples.Should().Be(42);
    }

    [Test]
    public void An_unqualified_name_prefers_public_then_the_only_table_of_that_name()
    {
        Sample.FindTable(new QualifiedName(null, "orders"))!.Schema.Should().Be("public");
        Sample.FindTable(new QualifiedName(null, "invoices"))!.Schema.Should().Be("billing");
        Sample.FindTable(new QualifiedName("billing", "orders"))!.Rows.Should().Be(10);
        Sample.FindTable(new QualifiedName("public", "invoices")).Should().BeNull();
    }

    [Test]
    public void A_file_of_another_format_version_or_not_json_is_a_configuration_error()
    {
        FluentActions.Invoking(static () => DatabaseStatistics.Parse("""{ "formatVersion": 2 }""", "s.json"))
            .Should().Throw<ConfigurationException>().WithMessage("--stats: 's.json' has formatVersion 2; this pglint reads version 1.");
        FluentActions.Invoking(static () => DatabaseStatistics.Parse("not json", "s.json"))
            .Should().Throw<ConfigurationException>().WithMessage("--stats: 's.json' is not a statistics file*");
    }
}
