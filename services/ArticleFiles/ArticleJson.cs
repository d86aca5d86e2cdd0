using System.Text.Json;

namespace SeedSearch.ArticleFiles;

/// <summary>Maps one JSON object onto an <see cref="ArticleRecord"/>.</summary>
internal static class ArticleJson
{
    /// <summary>
    /// The article in <paramref name="element"/>, or null with <paramref name="problem"/> set.
    /// Field names match the ingest contract; case and underscores are ignored, so
    /// <c>published_at</c> and <c>publishedAt</c> both work. Unknown fields are ignored.
    /// </summary>
    public static ArticleRecord? ToRecord(JsonElement element, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = $"expected a JSON object, found {element.ValueKind.ToString().ToLowerInvariant()}";
            return null;
        }

        string id = "", title = "", body = "", url = "", source = "", publishedAt = "", contentType = "";
        IReadOnlyList<string> tags = [];
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
            var value = property.Value;
            switch (name)
            {
                case "id": problem = Text(value, property.Name, ref id); break;
                case "title": problem = Text(value, property.Name, ref title); break;
                case "body": problem = Text(value, property.Name, ref body); break;
                case "url": problem = Text(value, property.Name, ref url); break;
                case "source": problem = Text(value, property.Name, ref source); break;
                case "publishedat": problem = Text(value, property.Name, ref publishedAt); break;
                case "contenttype": problem = Text(value, property.Name, ref contentType); break;
                case "tags": problem = Tags(value, ref tags); break;
            }

            if (problem is not null)
            {
                return null;
            }
        }

        return new ArticleRecord(id, title, body, url, source, publishedAt, tags, contentType);
    }

    private static string? Text(JsonElement value, string field, ref string target)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                target = value.GetString()!;
                return null;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                // Numeric ids and timestamps are common in exports; keep their literal text.
                target = value.GetRawText();
                return null;
            default:
                return $"field '{field}' must be a string";
        }
    }

    private static string? Tags(JsonElement value, ref IReadOnlyList<string> target)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                target = [value.GetString()!];
                return null;
            case JsonValueKind.Array:
                var tags = new List<string>(value.GetArrayLength());
                foreach (var tag in value.EnumerateArray())
                {
                    if (tag.ValueKind != JsonValueKind.String)
                    {
                        return "field 'tags' must be an array of strings";
                    }

                    tags.Add(tag.GetString()!);
                }

                target = tags;
                return null;
            default:
                return "field 'tags' must be an array of strings";
        }
    }
}
