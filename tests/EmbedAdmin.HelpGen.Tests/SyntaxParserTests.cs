using System.Linq;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    public class SyntaxParserTests
    {
        [Theory]
        [InlineData("Get-X [[-Path] <String[]>]", "Path", "String[]", false, "0", false)]
        [InlineData("Get-X [-Path] <String[]>", "Path", "String[]", true, "0", false)]
        [InlineData("Get-X [-Id <Int32>]", "Id", "Int32", false, "named", false)]
        [InlineData("Get-X -Id <Int32>", "Id", "Int32", true, "named", false)]
        [InlineData("Get-X [-Force]", "Force", "SwitchParameter", false, "named", true)]
        [InlineData("Get-X -Force", "Force", "SwitchParameter", true, "named", true)]
        [InlineData("Get-X [-Limit <Nullable<Int32>>]", "Limit", "Nullable<Int32>", false, "named", false)]
        public void ParameterForms(string syntax, string name, string type, bool mandatory, string position, bool isSwitch)
        {
            var block = SyntaxParser.Parse(syntax);

            Assert.Equal("Get-X", block.CommandName);
            Assert.Equal(new SyntaxParameter(name, type, mandatory, position, isSwitch), Assert.Single(block.Parameters));
        }

        [Fact]
        public void CommonParametersAreNotAParameterAndLinesMayWrap()
        {
            var block = SyntaxParser.Parse("Get-X [-A <String>]\n [-B <String>] [<CommonParameters>]");

            Assert.True(block.HasCommonParameters);
            Assert.Equal(new[] { "A", "B" }, block.Parameters.Select(p => p.Name));
        }

        [Fact]
        public void PositionalParametersAreNumberedInTheOrderWritten()
        {
            var block = SyntaxParser.Parse("Get-X [-A] <String> [[-B] <String>] [-C <String>]");

            Assert.Equal(new[] { "0", "1", "named" }, block.Parameters.Select(p => p.Position));
        }

        [Fact]
        public void SortedPutsPositionalThenMandatoryThenTheRest()
        {
            var block = SyntaxParser.Parse("Get-X [-Opt <String>] -Must <String> [[-Second] <String>] [-Switch] [-First] <String>");

            Assert.Equal(new[] { "Second", "First", "Must", "Opt", "Switch" }, SyntaxParser.Sorted(block.Parameters).Select(p => p.Name));
        }
    }
}
