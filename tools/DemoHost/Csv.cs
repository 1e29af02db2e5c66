using System.Collections.Generic;
using System.IO;
using System.Text;

namespace EmbedAdmin.DemoHost
{
    /// <summary>RFC 4180 reading, as Import-Csv does it: a header row, quoted cells, doubled quotes.</summary>
    internal static class Csv
    {
        public static IEnumerable<Dictionary<string, string>> Read(string path)
        {
            using var reader = new StreamReader(path);
            List<string>? header = null;
            while (ReadRecord(reader) is { } record)
            {
                if (header is null)
                {
                    header = record;
                    continue;
                }

                var row = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Count; i++)
                {
                    row[header[i]] = i < record.Count ? record[i] : string.Empty;
                }

                yield return row;
            }
        }

        private static List<string>? ReadRecord(TextReader reader)
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            var any = false;
            int c;
            while ((c = reader.Read()) != -1)
            {
                any = true;
                var ch = (char)c;
                if (quoted)
                {
                    if (ch == '"' && reader.Peek() == '"')
                    {
                        cell.Append('"');
                        reader.Read();
                    }
                    else if (ch == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(ch);
                    }
                }
                else if (ch == '"')
                {
                    quoted = true;
                }
                else if (ch == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else if (ch == '\n')
                {
                    break;
                }
                else if (ch != '\r')
                {
                    cell.Append(ch);
                }
            }

            if (!any)
            {
                return null;
            }

            cells.Add(cell.ToString());
            return cells;
        }
    }
}
