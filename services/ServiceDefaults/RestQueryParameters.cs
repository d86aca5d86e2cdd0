using System.Globalization;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.ServiceDefaults;

/// <summary>
/// REST query parameters are bound to the request message by JSON transcoding, which refuses a
/// value of the wrong type (<c>include_copies=talvez</c>, <c>page_size=abc</c>) with
/// INVALID_ARGUMENT but names no field. This checks each parameter against its field's type first
/// and answers as every other bad field is answered: 400 with a <c>google.rpc.BadRequest</c>
/// field violation per bad parameter.
/// </summary>
public static class RestQueryParameters
{
    /// <summary>Checks the query parameters of every JSON-transcoded route (after routing).</summary>
    public static IApplicationBuilder UseRestQueryParameterChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>()?.MethodDescriptor;
        var violations = method is null ? [] : Violations(method.InputType, context.Request.Query).ToList();
        if (violations.Count == 0)
        {
            await next();
            return;
        }

        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations);
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = $"Invalid {string.Join(", ", violations.Select(v => v.Field))}: {violations[0].Description}",
            Details = { Any.Pack(badRequest) },
        };
        context.Response.StatusCode = RpcErrors.HttpStatus(Code.InvalidArgument);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(RpcErrors.ToJson(status));
    });

    private static IEnumerable<BadRequest.Types.FieldViolation> Violations(MessageDescriptor message, IQueryCollection query)
    {
        foreach (var (key, values) in query)
        {
            if ((message.FindFieldByName(key) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == key)) is not { } field)
            {
                continue;
            }

            foreach (var value in values)
            {
                if (Problem(field, value ?? string.Empty) is { } problem)
                {
                    yield return new BadRequest.Types.FieldViolation { Field = field.Name, Description = problem };
                    break;
                }
            }
        }
    }

    // What is wrong with a value for the field's type, or null when it parses.
    private static string? Problem(FieldDescriptor field, string value) => field.FieldType switch
    {
        FieldType.Bool => bool.TryParse(value, out _) ? null : "must be true or false",
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "must be a whole number",
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 =>
            long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "must be a whole number",
        FieldType.UInt32 or FieldType.Fixed32 =>
            uint.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "must be a whole number, 0 or more",
        FieldType.UInt64 or FieldType.Fixed64 =>
            ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : "must be a whole number, 0 or more",
        FieldType.Double or FieldType.Float =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? null : "must be a number",
        FieldType.Enum => field.EnumType.FindValueByName(value) is not null || int.TryParse(value, CultureInfo.InvariantCulture, out _)
            ? null
            : $"must be one of {string.Join(", ", field.EnumType.Values.Select(v => v.Name))}",
        FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName =>
            DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                ? null
                : "must be a time such as 2021-07-20T12:00:00Z",
        _ => null,
    };
}
