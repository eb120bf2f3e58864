using Verifier = PgLint.Testing.AnalyzerVerifier<PgLint.Rules.SchemaDesign.ForeignKeyTypeMismatch>;

namespace PgLint.Rules.Tests.SchemaDesign;

public sealed class ForeignKeyTypeMismatchTests
{
    [Test]
    public void Integer_column_referencing_a_bigint_key_is_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE customers (id bigint PRIMARY KEY);
            [|CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer REFERENCES customers)|];
            """,
            new VerifyOptions { ExpectedMessages = ["Foreign key orders_customer_id_fkey compares orders.customer_id (integer) with customers.id (bigint); the types differ."] });

    [Test]
    public void Same_types_spelled_differently_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE customers (id serial8 PRIMARY KEY);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int8 REFERENCES customers (id));
            """);

    [Test]
    public void Different_lengths_of_the_same_type_are_not_reported() =>
        Verifier.Verify(
            """
            CREATE TABLE countries (code varchar(3) PRIMARY KEY);
            CREATE TABLE cities (id bigint PRIMARY KEY, country varchar(10) REFERENCES countries);
            """);

    [Test]
    public void Foreign_key_added_by_alter_table_is_reported_at_that_statement() =>
        Verifier.Verify(
            """
            CREATE TABLE customers (id uuid PRIMARY KEY);
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id text);
            [|ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id)|];
            """);

    [Test]
    public void Composite_key_with_two_mismatched_columns_is_reported_once() =>
        Verifier.Verify(
            """
            CREATE TABLE slots (room bigint, day date, PRIMARY KEY (room, day));
            [|CREATE TABLE bookings (id bigint PRIMARY KEY, room integer, day timestamp, FOREIGN KEY (room, day) REFERENCES slots)|];
            """,
            new VerifyOptions { ExpectedMessages = ["Foreign key bookings_room_day_fkey compares bookings.room (integer) with slots.room (bigint); the types differ."] });

    [Test]
    public void Foreign_key_to_an_unknown_table_is_not_reported() =>
        Verifier.Verify("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer REFERENCES customers);");
}
