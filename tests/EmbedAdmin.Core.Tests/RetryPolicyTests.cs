using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using EmbedAdmin.Core.Http;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class RetryPolicyTests
    {
        [Theory]
        [InlineData("7", 7.0)]
        [InlineData("7, 7", 7.0)] // Datadog has sent X-RateLimit-Reset twice
        [InlineData("3,12", 12.0)]
        [InlineData("1.5", 1.5)]
        [InlineData(" 2 , junk", 2.0)]
        public void RateLimitSecondsAreParsedDefensively(string header, double seconds) =>
            Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.ParseSeconds(header));

        [Theory]
        [InlineData("")]
        [InlineData("soon")]
        [InlineData("-4")]
        [InlineData("NaN")]
        public void UnusableRateLimitHeadersAreIgnored(string header) => Assert.Null(RetryPolicy.ParseSeconds(header));

        [Fact]
        public void BackoffGrowsExponentiallyWithJitterInsideItsBounds()
        {
            var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(7));
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var full = Math.Pow(2, attempt);
                for (var sample = 0; sample < 50; sample++)
                {
                    var delay = policy.Backoff(attempt).TotalSeconds;
                    Assert.InRange(delay, full / 2, full);
                }
            }
        }

        [Fact]
        public void BackoffIsCappedAtTheMaximumDelay()
        {
            var policy = new RetryPolicy(30, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), new Random(7));

            Assert.InRange(policy.Backoff(20).TotalSeconds, 5, 10);
        }

        [Fact]
        public void BackoffJitterSpreadsRetries()
        {
            var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(7));
            var first = policy.Backoff(3);
            var different = false;
            for (var i = 0; i < 20 && !different; i++)
            {
                different = policy.Backoff(3) != first;
            }

            Assert.True(different);
        }

        [Fact]
        public void ServerDelayGetsAtMostFivePercentJitter()
        {
            var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), new Random(7));
            for (var i = 0; i < 50; i++)
            {
                Assert.InRange(policy.ServerDelayWithJitter(TimeSpan.FromSeconds(4)).TotalSeconds, 4.0, 4.2);
            }
        }

        [Fact]
        public void RetryAfterInSecondsWins()
        {
            using var response = new HttpResponseMessage((HttpStatusCode)429);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(9));
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "2");

            Assert.Equal(TimeSpan.FromSeconds(9), RetryPolicy.ServerRequestedDelay(response, DateTimeOffset.UtcNow));
        }

        [Fact]
        public void RetryAfterAsAnHttpDateIsMeasuredFromNow()
        {
            var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
            using var response = new HttpResponseMessage((HttpStatusCode)429);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(30));

            Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.ServerRequestedDelay(response, now));
        }

        [Fact]
        public void DuplicatedDatadogResetHeaderIsRead()
        {
            using var response = new HttpResponseMessage((HttpStatusCode)429);
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", new[] { "7", "7" });

            Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.ServerRequestedDelay(response, DateTimeOffset.UtcNow));
        }

        [Fact]
        public void NoHeaderMeansNoServerDelay()
        {
            using var response = new HttpResponseMessage((HttpStatusCode)503);

            Assert.Null(RetryPolicy.ServerRequestedDelay(response, DateTimeOffset.UtcNow));
        }

        [Fact]
        public void ServerErrorsAndGatewayStatusesAreRetryable()
        {
            Assert.True(RetryPolicy.IsRetryableStatus(500));
            Assert.True(RetryPolicy.IsRetryableStatus(502));
            Assert.True(RetryPolicy.IsRetryableStatus(503));
            Assert.True(RetryPolicy.IsRetryableStatus(504));
            Assert.False(RetryPolicy.IsRetryableStatus(501));
            Assert.False(RetryPolicy.IsRetryableStatus(302));
            Assert.False(RetryPolicy.IsRetryableStatus(429)); // 429 has its own path through the gate
        }

        [Fact]
        public void TheGateCountsOnlyWallClockPauseOnce()
        {
            var clock = new Support.TestClock();
            var gate = new RateLimitGate(clock);

            gate.PauseFor(TimeSpan.FromSeconds(5));
            gate.PauseFor(TimeSpan.FromSeconds(3)); // inside the first pause: adds nothing
            gate.PauseFor(TimeSpan.FromSeconds(8)); // extends it by 3 s

            Assert.Equal(TimeSpan.FromSeconds(8), gate.TotalPaused);
            Assert.Equal(clock.UtcNow.AddSeconds(8), gate.PausedUntil);
        }
    }
}
