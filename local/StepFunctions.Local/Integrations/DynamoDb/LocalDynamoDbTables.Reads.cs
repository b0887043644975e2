using System.Text.Json.Nodes;

namespace StepFunctions.Local.Integrations.DynamoDb;

/// <summary>
/// The reads beyond GetItem, with DynamoDB's parameters and answers: Query (KeyConditionExpression: <c>=</c> on the
/// partition key, then <c>=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>BETWEEN</c> or
/// <c>begins_with</c> on the sort key) and Scan, both with FilterExpression, ProjectionExpression, Select COUNT,
/// Limit (items read, before the filter) and ExclusiveStartKey/LastEvaluatedKey paging; Query orders by the sort key
/// (ScanIndexForward), Scan by the whole key (AWS's order is its hash order: any order is AWS's). The 1 MB page
/// limit is not simulated (the local tables are small).
/// </summary>
public sealed partial class LocalDynamoDbTables
{
    /// <summary>The tables' names, as ListTables answers them (sorted).</summary>
    public IReadOnlyList<string> TableNames => [.. keySchemas.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A table's key: the partition key, then the sort key if it has one.</summary>
    public IReadOnlyList<string> KeySchema(string table) =>
        keySchemas.TryGetValue(table, out var schema) ? schema : throw NotFound(table);

    public JsonObject Query(JsonObject parameters)
    {
        var (table, schema) = Table(parameters);
        var parser = new ConditionParser(parameters["ExpressionAttributeNames"] as JsonObject, parameters["ExpressionAttributeValues"] as JsonObject);
        var keyExpression = Text(parameters, "KeyConditionExpression")
            ?? throw Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        var (partition, sortCondition) = KeyConditions(parser.Parse("KeyConditionExpression", keyExpression), schema);
        var read = Prepare(parameters, parser);
        lock (gate)
        {
            var items = Items(Load(), table).Select(i => (JsonObject)i.Value!)
                .Where(item => AttributeValues.Compare(item[schema[0]] as JsonObject, "=", partition))
                .Where(item => sortCondition?.Matches(item) ?? true);
            var ordered = schema.Count > 1
                ? items.Order(Comparer<JsonObject>.Create((a, b) => AttributeValues.Order((JsonObject)a[schema[1]]!, (JsonObject)b[schema[1]]!) ?? 0))
                : items;
            var forward = parameters["ScanIndexForward"]?.GetValue<bool>() ?? true;
            return Page(forward ? ordered : ordered.Reverse(), schema, read, forward);
        }
    }

    public JsonObject Scan(JsonObject parameters)
    {
        var (table, schema) = Table(parameters);
        var parser = new ConditionParser(parameters["ExpressionAttributeNames"] as JsonObject, parameters["ExpressionAttributeValues"] as JsonObject);
        var read = Prepare(parameters, parser);
        lock (gate)
        {
            return Page(Items(Load(), table).Select(i => (JsonObject)i.Value!).Order(KeyOrder(schema)), schema, read, forward: true);
        }
    }

    /// <summary>What a Query or Scan reads after the key: filter, projection, count only, limit, start key.</summary>
    private sealed record ReadOptions(Condition? Filter, IReadOnlyList<PathOperand>? Projection, bool CountOnly, int? Limit, JsonObject? StartKey);

    private static ReadOptions Prepare(JsonObject parameters, ConditionParser parser)
    {
        var filter = Text(parameters, "FilterExpression") is { } filterExpression ? parser.Parse("FilterExpression", filterExpression) : null;
        var projection = Text(parameters, "ProjectionExpression") is { } projectionExpression ? parser.ParseProjection(projectionExpression) : null;
        parser.CheckAllUsed();
        var select = Text(parameters, "Select") ?? (projection is null ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES");
        if (select is not ("ALL_ATTRIBUTES" or "COUNT" or "SPECIFIC_ATTRIBUTES"))
        {
            throw Validation(select == "ALL_PROJECTED_ATTRIBUTES"
                ? "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
                : $"1 validation error detected: Value '{select}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
        }
        if (projection is not null && select != "SPECIFIC_ATTRIBUTES")
        {
            throw Validation($"Cannot specify the AttributesToGet when choosing to get {select}");
        }
        if (parameters["IndexName"] is not null)
        {
            throw Validation("The table does not have the specified index: " + parameters["IndexName"]);
        }
        int? limit = null;
        if (parameters["Limit"] is JsonValue limitValue)
        {
            limit = limitValue.GetValue<int>();
            if (limit < 1)
            {
                throw Validation($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
            }
        }
        return new ReadOptions(filter, projection, select == "COUNT", limit, parameters["ExclusiveStartKey"] as JsonObject);
    }

    /// <summary>The key condition split into the partition key's value and the sort key's condition, if any.</summary>
    private static (JsonObject Partition, Condition? Sort) KeyConditions(Condition condition, IReadOnlyList<string> schema)
    {
        var parts = condition is And and ? new[] { and.Left, and.Right } : [condition];
        JsonObject? partition = null;
        Condition? sort = null;
        foreach (var part in parts)
        {
            var (attribute, value) = part switch
            {
                Comparison { Left: PathOperand { IsTopLevel: true } path, Right: ValueOperand v } c => (path.Attribute, c.Operator == "=" ? v.Value : null),
                Between { Value: PathOperand { IsTopLevel: true } path, Low: ValueOperand, High: ValueOperand } => (path.Attribute, null),
                FunctionCall { Name: "begins_with", Arguments: [PathOperand { IsTopLevel: true } path, ValueOperand] } => (path.Attribute, null),
                Or => throw Validation("Invalid operator used in KeyConditionExpression: OR"),
                Not => throw Validation("Invalid operator used in KeyConditionExpression: NOT"),
                Comparison { Operator: "<>" } => throw Validation("Unsupported operator on KeyConditionExpression: operator: <>"),
                _ => throw Validation("Query key condition not supported"),
            };
            if (attribute == schema[0] && value is not null && partition is null)
            {
                partition = value;
            }
            else if (schema.Count > 1 && attribute == schema[1] && sort is null && part is not Comparison { Operator: "<>" })
            {
                sort = part;
            }
            else if (attribute == schema[0] || (schema.Count > 1 && attribute == schema[1]))
            {
                throw Validation("Query key condition not supported");
            }
            else
            {
                throw Validation($"Query condition missed key schema element: {schema[0]}");
            }
        }
        return (partition ?? throw Validation($"Query condition missed key schema element: {schema[0]}"), sort);
    }

    /// <summary>One page: items after the start key (in the read's direction), at most Limit read, then filtered.</summary>
    private static JsonObject Page(IEnumerable<JsonObject> ordered, IReadOnlyList<string> schema, ReadOptions read, bool forward)
    {
        var items = ordered;
        if (read.StartKey is { } start)
        {
            if (start.Count != schema.Count || schema.Any(name => start[name] is not JsonObject))
            {
                throw Validation("The provided starting key is invalid: The provided key element does not match the schema");
            }
            var order = KeyOrder(schema);
            items = items.Where(item => forward ? order.Compare(item, start) > 0 : order.Compare(item, start) < 0);
        }
        var matched = new JsonArray();
        var scanned = 0;
        JsonObject? last = null;
        foreach (var item in items)
        {
            if (read.Limit is { } limit && scanned == limit)
            {
                break;
            }
            scanned++;
            last = item;
            if (read.Filter?.Matches(item) ?? true)
            {
                matched.Add(Project(item, read.Projection));
            }
        }
        var response = new JsonObject();
        if (!read.CountOnly)
        {
            response["Items"] = matched;
        }
        response["Count"] = matched.Count;
        response["ScannedCount"] = scanned;
        // As DynamoDB: a read that stopped at its Limit names where it stopped, even when nothing follows.
        if (last is not null && read.Limit == scanned)
        {
            response["LastEvaluatedKey"] = new JsonObject(schema.Select(name => KeyValuePair.Create(name, last[name]?.DeepClone())));
        }
        return response;
    }

    private static JsonObject Project(JsonObject item, IReadOnlyList<PathOperand>? projection)
    {
        if (projection is null)
        {
            return (JsonObject)item.DeepClone();
        }
        var projected = new JsonObject();
        foreach (var path in projection)
        {
            if (!path.IsTopLevel)
            {
                throw Validation("Invalid ProjectionExpression: nested paths are not simulated locally; project the top-level attribute");
            }
            if (item[path.Attribute] is { } value && !projected.ContainsKey(path.Attribute))
            {
                projected[path.Attribute] = value.DeepClone();
            }
        }
        return projected;
    }

    /// <summary>Items by their key: the partition key, then the sort key.</summary>
    private static Comparer<JsonObject> KeyOrder(IReadOnlyList<string> schema) => Comparer<JsonObject>.Create((a, b) =>
    {
        foreach (var name in schema)
        {
            if (a[name] is JsonObject x && b[name] is JsonObject y && (AttributeValues.Order(x, y) ?? string.CompareOrdinal(x.ToJsonString(), y.ToJsonString())) is var order and not 0)
            {
                return order;
            }
        }
        return 0;
    });

    private static string? Text(JsonObject parameters, string member) =>
        parameters[member] is JsonValue value ? value.GetValue<string>() : null;

    private static DynamoDbException NotFound(string table) =>
        new("ResourceNotFoundException", $"Requested resource not found: Table: {table} not found");
}
