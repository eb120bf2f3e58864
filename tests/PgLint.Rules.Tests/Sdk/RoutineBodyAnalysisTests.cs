using PgLint.Rules.Correctness;
using PgLint.Rules.MigrationSafety;

namespace PgLint.Rules.Tests.Sdk;

public sealed class RoutineBodyAnalysisTests
{
    [Test]
    public void Deploy_time_rules_see_do_blocks_but_not_function_bodies() =>
        AnalyzerVerifier<RequireConcurrentIndexCreation>.Verify("""
            CREATE FUNCTION app.reindex() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              CREATE INDEX orders_a_idx ON orders (a);
            END $$;
            DO $$
            BEGIN
              [|CREATE INDEX orders_b_idx ON orders|] (b);
            END $$;
            """);

    [Test]
    public void Other_rules_see_function_bodies_and_the_sql_of_do_blocks() =>
        AnalyzerVerifier<UpdateOrDeleteWithoutWhere>.Verify("""
            CREATE PROCEDURE app.wipe() LANGUAGE plpgsql AS $$
            BEGIN
              IF (SELECT count(*) FROM app.items) > 0 THEN
                [|DELETE FROM app.items|];
              END IF;
            END $$;
            DO $$ BEGIN [|UPDATE app.items SET n = 0|]; END $$;
            """);

    [Test]
    public void A_table_created_in_a_do_block_is_new_for_the_statements_after_it() =>
        AnalyzerVerifier<RequireConcurrentIndexCreation>.Verify("""
            DO $$
            BEGIN
              CREATE TABLE app.events (id bigint PRIMARY KEY, kind text);
            END $$;
            CREATE INDEX events_kind_idx ON app.events (kind);
            """);

    [Test]
    public void Fixes_of_statements_inside_a_body_are_dropped()
    {
        var source = PgLint.Syntax.SourceText.From("""
            CREATE INDEX orders_a_idx ON orders (a);
            DO $$ BEGIN CREATE INDEX orders_b_idx ON orders (b); END $$;
            """);
        var registry = new RuleRegistry([new RequireConcurrentIndexCreation()]);
        var diagnostics = new LintEngine(new LintSettings(registry, [])).Run(source).Diagnostics;

        diagnostics.Select(static d => (d.Location.LineSpan.Start.Line, d.Fixes.Length)).Should().Equal((1, 1), (2, 0));
    }
}
