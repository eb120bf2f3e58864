using FluentAssertions;
using Npgsql;
using NUnit.Framework;

namespace PgLint.Npgsql.Tests;

public sealed class ConnectionStringsTests
{
    [Test]
    public void A_uri_gives_host_port_database_user_password_and_ssl_mode()
    {
        var builder = ConnectionStrings.Parse("postgresql://app%40corp:p%3Ass@db.example.com:6543/shop?sslmode=require&application_name=ci");

        (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SslMode, builder.ApplicationName)
            .Should().Be(("db.example.com", 6543, "shop", "app@corp", "p:ss", SslMode.Require, "ci"));
    }

    [Test]
    public void A_uri_without_a_port_keeps_the_default_and_a_key_value_string_is_taken_as_is()
    {
        ConnectionStrings.Parse("postgres://h/db").Port.Should().Be(5432);
        ConnectionStrings.Parse("Host=h;Port=1234;Database=d").Port.Should().Be(1234);
    }

    [Test]
    public void An_unknown_uri_parameter_is_refused_by_name() =>
        FluentActions.Invoking(static () => ConnectionStrings.Parse("postgres://h/db?target_session_attrs=any"))
            .Should().Throw<ArgumentException>().WithMessage("*'target_session_attrs' is not supported*");

    [Test]
    public void Without_an_argument_the_environment_is_read_pglint_connection_first_then_the_libpq_variables()
    {
        var variables = new Dictionary<string, string> { ["PGHOST"] = "pg", ["PGPORT"] = "5433", ["PGUSER"] = "u", ["PGDATABASE"] = "d", ["PGPASSWORD"] = "pw" };

        var fromLibpq = ConnectionStrings.FromArgumentOrEnvironment(null, variables.GetValueOrDefault)!;
        (fromLibpq.Host, fromLibpq.Port, fromLibpq.Username, fromLibpq.Database, fromLibpq.Password).Should().Be(("pg", 5433, "u", "d", "pw"));

        variables["PGLINT_CONNECTION"] = "postgres://other/x";
        ConnectionStrings.FromArgumentOrEnvironment(null, variables.GetValueOrDefault)!.Host.Should().Be("other");
        ConnectionStrings.FromArgumentOrEnvironment("Host=given", variables.GetValueOrDefault)!.Host.Should().Be("given");
        ConnectionStrings.FromArgumentOrEnvironment(null, static _ => null).Should().BeNull();
    }

    [Test]
    public void The_libpq_variables_complete_what_the_connection_leaves_out_in_either_form()
    {
        var variables = new Dictionary<string, string> { ["PGPORT"] = "5433", ["PGUSER"] = "u", ["PGPASSWORD"] = "pw" };

        var uri = ConnectionStrings.FromArgumentOrEnvironment("postgres://db.example.com/shop", variables.GetValueOrDefault)!;
        (uri.Host, uri.Port, uri.Database, uri.Username, uri.Password).Should().Be(("db.example.com", 5433, "shop", "u", "pw"));
        var keyValue = ConnectionStrings.FromArgumentOrEnvironment("Host=h;Port=6000;Username=given", variables.GetValueOrDefault)!;
        (keyValue.Port, keyValue.Username, keyValue.Password).Should().Be((6000, "given", "pw"));

        var resolved = LiveConnection.Resolve(null, variables.GetValueOrDefault);
        (resolved.Host, resolved.Port, resolved.Username, resolved.Pooling, resolved.ApplicationName).Should().Be(("localhost", 5433, "u", false, "pglint"));
        LiveConnection.Resolve("postgres://app:secret@h:7000/d", static _ => null).Port.Should().Be(7000, "explain and trace take URIs as db does");
    }

    [Test]
    public void Descriptions_and_redacted_text_never_hold_the_password()
    {
        var builder = ConnectionStrings.Parse("Host=db;Port=5432;Database=shop;Username=app;Password=hunter2");

        ConnectionStrings.Describe(builder).Should().Be("db:5432/shop as app");
        ConnectionStrings.Redact($"failed: {builder.ConnectionString}", builder.Password).Should().NotContain("hunter2").And.Contain("Password=********");
        ConnectionStrings.Redact("pglint db --connection postgres://app:hunter2@db/shop", "hunter2").Should().Be("pglint db --connection postgres://app:********@db/shop");
    }
}
