using FluentAssertions;
using NUnit.Framework;
using PgLint.Syntax;

namespace PgLint.Analysis.Tests;

public sealed class LockFootprintTests
{
    private const string Schema = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);\nCREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE payments (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));\n";

    [Test]
    public void Each_transaction_lists_the_existing_tables_it_locks_with_the_strongest_mode_and_how_long_it_holds_it()
    {
        var migration = string.Join("\r\n",
            "-- Bestellungen: Größe ändern 🚀",
            "BEGIN;",
            "ALTER TABLE orders ADD COLUMN note text;",
            "CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id));",
            "CREATE INDEX invoices_customer_idx ON invoices (customer_id);",
            "UPDATE orders SET note = 'é';",
            "COMMIT;",
            "CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);",
            "BEGIN;",
            "LOCK TABLE customers IN SHARE MODE;",
            "ALTER TABLE customers ADD COLUMN ü text;",
            "COMMIT;",
            string.Empty);

        var footprint = Footprint(migration, assumeInTransaction: false);

        footprint.Transactions.Select(Describe).Should().Equal(
            "1 Explicit lines 2-7, 4 statements: public.orders AccessExclusive taken 3 first 3 held 4; public.customers ShareRowExclusive taken 4 first 4 held 3",
            "2 Autocommit lines 8-8, 1 statements: public.orders ShareUpdateExclusive taken 8 first 8 held 1",
            "3 Explicit lines 9-12, 2 statements: public.customers AccessExclusive taken 11 first 10 held 1");
    }

    [Test]
    public void Under_assume_in_transaction_the_whole_file_is_one_transaction_until_an_explicit_commit()
    {
        var footprint = Footprint("ALTER TABLE orders ADD COLUMN a int;\nSELECT 1;\nCREATE INDEX i ON customers (id);\nCOMMIT;\nVACUUM orders;\n", assumeInTransaction: true);

        footprint.Transactions.Select(Describe).Should().Equal(
            "1 RunnerWrapped lines 1-4, 3 statements: public.orders AccessExclusive taken 1 first 1 held 3; public.customers Share taken 3 first 3 held 1",
            "2 Autocommit lines 5-5, 1 statements: public.orders ShareUpdateExclusive taken 5 first 5 held 1");
    }

    [Test]
    public void Tables_created_earlier_in_the_file_are_left_out_and_a_transaction_locking_only_them_is_not_listed()
    {
        var footprint = Footprint("BEGIN;\nCREATE TABLE t (id int PRIMARY KEY);\nCREATE INDEX t_idx ON t (id);\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;\n", assumeInTransaction: false);

        footprint.Transactions.Should().BeEmpty();
    }

    [Test]
    public void Dropping_a_table_with_a_foreign_key_also_locks_the_referenced_table()
    {
        var footprint = Footprint("DROP TABLE payments;\nALTER TABLE orders DROP COLUMN total;\n", assumeInTransaction: false);

        footprint.Transactions.Select(Describe).Should().Equal(
            "1 Autocommit lines 1-1, 1 statements: public.payments AccessExclusive taken 1 first 1 held 1; public.customers AccessExclusive taken 1 first 1 held 1",
            "2 Autocommit lines 2-2, 1 statements: public.orders AccessExclusive taken 2 first 2 held 1");
    }

    [Test]
    public void A_finding_finds_its_transaction_by_its_location()
    {
        var result = Run("BEGIN;\nALTER TABLE orders ADD COLUMN a int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON orders (a);\n", assumeInTransaction: false);
        var document = result.Documents[1];
        var statements = document.Tree.Statements.Where(static s => s.IsParsed).ToList();

        document.LockFootprint.FindTransaction(statements[1].Span)!.Number.Should().Be(1);
        document.LockFootprint.FindTransaction(statements[3].Span)!.Number.Should().Be(2);
    }

    private static LockFootprint Footprint(string migration, bool assumeInTransaction) =>
        Run(migration, assumeInTransaction).Documents[1].LockFootprint;

    private static LintResult Run(string migration, bool assumeInTransaction)
    {
        var settings = new LintSettings(new RuleRegistry([]), assumeInTransaction: assumeInTransaction);
        return new LintEngine(settings).Run([new MigrationSetInput("set", [SourceText.From(Schema, "0001.sql"), SourceText.From(migration, "0002.sql")])]);
    }

    private static string Describe(TransactionFootprint transaction) =>
        $"{transaction.Number} {transaction.Mode} lines {Line(transaction.First)}-{Line(transaction.Last)}, {transaction.Statements.Length} statements: "
        + string.Join("; ", transaction.Locks.Select(l =>
            $"{l.Table} {l.Mode} taken {Line(l.TakenBy)} first {Line(l.FirstLockedBy)} held {transaction.StatementsHolding(l)}"));

    private static int Line(SqlStatement statement) => statement.Source.GetLinePosition(statement.Span.Start).Line;
}
