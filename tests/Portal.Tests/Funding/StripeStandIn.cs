using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Funding;

/// <summary>
/// Answers Stripe API calls with plausible JSON on a local StubServer, like Stripe honours Idempotency-Key
/// (same key → same answer), and builds signed webhook events.
/// </summary>
public sealed class StripeStandIn : IAsyncDisposable
{
    public const string WebhookSecret = "whsec_test_secret";
    public const string SecretKey = "sk_test_standin";

    // Lazy: like Stripe, one answer per key even when two requests with it race.
    private readonly ConcurrentDictionary<string, Lazy<(int, string)>> _byKey = new();
    private int _counter;
    public StubServer Server { get; private set; } = null!;
    /// <summary>Payment methods whose off-session charge is declined.</summary>
    public HashSet<string> DecliningCards { get; } = [];
    /// <summary>PaymentIntents really created (once per idempotency key).</summary>
    public ConcurrentBag<(string Id, string PaymentMethod, long Amount, string Key)> Charges { get; } = [];

    public static async Task<StripeStandIn> StartAsync()
    {
        var standIn = new StripeStandIn();
        standIn.Server = await StubServer.StartAsync(standIn.AnswerAsync);
        return standIn;
    }

    public PortalFactory Configure(PortalFactory factory) => factory
        .With("Stripe:SecretKey", SecretKey)
        .With("Stripe:PublishableKey", "pk_test_standin")
        .With("Stripe:WebhookSecret", WebhookSecret)
        .With("Stripe:ApiBase", Server.Address.ToString().TrimEnd('/'));

    public IEnumerable<RecordedRequest> Calls(string method, string pathStart) =>
        Server.Requests.Where(r => r.Method == method && r.Path.StartsWith(pathStart, StringComparison.Ordinal));

    public static Dictionary<string, string> Form(RecordedRequest r) =>
        HttpUtility.ParseQueryString(r.Body).AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => HttpUtility.ParseQueryString(r.Body)[k]!);

    private Task<(int Status, string Body)> AnswerAsync(RecordedRequest r)
    {
        if (r.Method == "POST" && r.Headers.TryGetValue("Idempotency-Key", out var key) && !string.IsNullOrEmpty(key))
            return Task.FromResult(_byKey.GetOrAdd(r.Path + "|" + key, _ => new Lazy<(int, string)>(() => Answer(r, key))).Value);
        return Task.FromResult(Answer(r, ""));
    }

    private (int, string) Answer(RecordedRequest r, string key)
    {
        var n = Interlocked.Increment(ref _counter);
        var form = Form(r);
        string Json(object o) => JsonSerializer.Serialize(o);
        switch (r.Method, r.Path)
        {
            case ("POST", "/v1/customers"):
                return (200, Json(new { id = $"cus_{n}", @object = "customer", email = form.GetValueOrDefault("email") }));
            case ("POST", "/v1/checkout/sessions"):
                return (200, Json(new { id = $"cs_test_{n}", @object = "checkout.session", mode = form["mode"], customer = form.GetValueOrDefault("customer"),
                    url = $"{Server.Address}checkout/cs_test_{n}", status = "open" }));
            case ("GET", var p) when p.StartsWith("/v1/setup_intents/"):
                var setupId = p["/v1/setup_intents/".Length..];
                return (200, Json(new { id = setupId, @object = "setup_intent", status = "succeeded", payment_method = "pm_" + setupId["seti_".Length..], customer = (string?)null }));
            case ("POST", "/v1/payment_intents"):
                var pm = form["payment_method"];
                var amount = long.Parse(form["amount"]);
                var id = $"pi_{n}";
                if (DecliningCards.Contains(pm))
                    return (402, Json(new { error = new { type = "card_error", code = "card_declined", decline_code = "insufficient_funds", message = "Your card has insufficient funds.",
                        payment_intent = new { id, @object = "payment_intent", status = "requires_payment_method", amount } } }));
                Charges.Add((id, pm, amount, key));
                return (200, Json(new { id, @object = "payment_intent", status = "succeeded", amount, amount_received = amount, currency = "cny",
                    customer = form["customer"], payment_method = pm }));
            case ("POST", var p) when p.StartsWith("/v1/payment_methods/") && p.EndsWith("/detach"):
                return (200, Json(new { id = p.Split('/')[3], @object = "payment_method", customer = (string?)null }));
            case ("POST", "/v1/refunds"):
                return (200, Json(new { id = $"re_{n}", @object = "refund", status = "succeeded", payment_intent = form["payment_intent"] }));
            default:
                return (404, Json(new { error = new { type = "invalid_request_error", message = $"stand-in has no {r.Method} {r.Path}" } }));
        }
    }

    /// <summary>An event as Stripe sends it, and its Stripe-Signature header.</summary>
    public static (string Payload, string Signature) SignedEvent(string eventId, string type, object dataObject, string secret = WebhookSecret, DateTimeOffset? at = null)
    {
        var payload = JsonSerializer.Serialize(new
        {
            id = eventId,
            @object = "event",
            api_version = "2020-08-27",
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            livemode = false,
            pending_webhooks = 1,
            type,
            data = new { @object = dataObject },
        });
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return (payload, $"t={t},v1={Convert.ToHexStringLower(mac)}");
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, (string Payload, string Signature) signed)
    {
        using var content = new StringContent(signed.Payload, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = content };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signed.Signature);
        return await client.SendAsync(request);
    }

    public static object SetupSession(string sessionId, long pledgeId, string customerId, string setupIntentId) => new
    {
        id = sessionId,
        @object = "checkout.session",
        mode = "setup",
        status = "complete",
        customer = customerId,
        setup_intent = setupIntentId,
        metadata = new Dictionary<string, string> { ["pledge_id"] = pledgeId.ToString() },
    };

    public static object SucceededIntent(string id, long pledgeId, long amount) => new
    {
        id,
        @object = "payment_intent",
        status = "succeeded",
        amount,
        amount_received = amount,
        currency = "cny",
        metadata = new Dictionary<string, string> { ["pledge_id"] = pledgeId.ToString() },
    };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
