using Survey.Api.Codes;

namespace Survey.Tests.Codes;

/// <summary>The code format: typeable, unambiguous, at least 40 bits each, accepted however it is typed.</summary>
public sealed class InvitationCodeFormatTests
{
    [Fact]
    public void The_alphabet_has_31_symbols_none_of_them_easily_confused()
    {
        Assert.Equal(31, InvitationCodeFormat.Alphabet.Distinct().Count());
        Assert.Equal(31, InvitationCodeFormat.Alphabet.Length);
        foreach (var confusable in "0O1IL") Assert.DoesNotContain(confusable, InvitationCodeFormat.Alphabet);
        // 9 symbols of 31: 9·log2(31) = 44.59 bits (computed by hand: log2(31) = 4.9542).
        Assert.Equal(44.59, InvitationCodeFormat.Bits, 2);
        Assert.True(InvitationCodeFormat.Bits >= 40);
    }

    [Fact]
    public void Generated_codes_use_only_the_alphabet_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 5000).Select(_ => InvitationCodeFormat.Generate()).ToList();
        Assert.All(codes, c => Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{9}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        // Every symbol appears (45 000 draws of 31 symbols: each expected ~1450 times).
        Assert.Equal(31, codes.SelectMany(c => c).Distinct().Count());
    }

    [Theory]
    [InlineData("ABCD-EFGHJ", "ABCDEFGHJ")]
    [InlineData("abcd-efghj", "ABCDEFGHJ")]
    [InlineData("abcdefghj", "ABCDEFGHJ")]
    [InlineData(" ABCD EFGHJ ", "ABCDEFGHJ")]
    [InlineData("ABCD－EFGHJ", "ABCDEFGHJ")] // a full-width dash from a Chinese keyboard
    [InlineData("2345-6789A", "23456789A")]
    public void Codes_are_accepted_in_any_case_with_or_without_the_dash(string typed, string canonical) =>
        Assert.Equal(canonical, InvitationCodeFormat.Normalize(typed));

    [Theory]
    [InlineData("")]
    [InlineData("ABCD-EFGH")] // 8 symbols
    [InlineData("ABCD-EFGHJK")] // 10 symbols
    [InlineData("ABCD-EFGH0")] // zero is not in the alphabet
    [InlineData("ABCD-EFGHI")]
    [InlineData("ABCD-EFGHL")]
    [InlineData("邀请码ABCDEF")]
    public void Anything_else_is_not_a_code(string typed) => Assert.Null(InvitationCodeFormat.Normalize(typed));

    [Fact]
    public void Codes_are_shown_in_groups_of_four_and_five() => Assert.Equal("ABCD-EFGHJ", InvitationCodeFormat.Display("ABCDEFGHJ"));
}
