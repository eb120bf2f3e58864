using FluentAssertions;
using NUnit.Framework;
using PgLint.Syntax;
using PgQuery;

namespace PgLint.Syntax.Tests;

public sealed class KeywordKindTests
{
    [TestCase("user", KeywordKind.ReservedKeyword)]
    [TestCase("order", KeywordKind.ReservedKeyword)]
    [TestCase("left", KeywordKind.TypeFuncNameKeyword)]
    [TestCase("timestamp", KeywordKind.ColNameKeyword)]
    [TestCase("name", KeywordKind.UnreservedKeyword)]
    [TestCase("customer", KeywordKind.NoKeyword)]
    [TestCase("User", KeywordKind.NoKeyword)]
    [TestCase("user id", KeywordKind.NoKeyword)]
    [TestCase("", KeywordKind.NoKeyword)]
    public void The_scanner_classifies_a_bare_name(string name, KeywordKind expected) =>
        SqlParser.GetKeywordKind(name).Should().Be(expected);
}
