using System.Net;
using Collaborative.Host.Plugins;

namespace Collaborative.Host.Tests;

/// <summary>
/// The gateway's view of a module's response body when the module dies: the caller gets every whole
/// message the module sent, never a fragment of one, and then UNAVAILABLE naming the module.
/// </summary>
public sealed class BrokenOffCallHandlerTests
{
    [Fact]
    public async Task AModuleThatDiesMidMessage_LeavesTheCallerWholeMessagesThenUnavailable()
    {
        byte[] first = [0, 0, 0, 0, 3, 1, 2, 3];
        byte[] second = [0, 0, 0, 0, 2, 4, 5];
        byte[] fragment = [0, 0, 0, 0, 9, 6, 7];
        using var invoker = new HttpMessageInvoker(new BrokenOffCallHandler("register") { InnerHandler = new ModuleDying([.. first, .. second, .. fragment]) });
        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://module/svc/Method"), CancellationToken.None);

        var body = new MemoryStream();
        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(body);

        Assert.Equal([.. first, .. second], body.ToArray());
        Assert.Equal("14", string.Join(",", response.TrailingHeaders.GetValues("grpc-status")));
        Assert.StartsWith(Uri.EscapeDataString("Module 'register' broke off the call:"), response.TrailingHeaders.GetValues("grpc-message").Single());
    }

    [Fact]
    public async Task MessagesSplitAcrossReads_PassThroughUnchanged_AndAQuietEndAddsNoStatus()
    {
        var messages = Enumerable.Range(0, 50).SelectMany(i => (byte[])[0, 0, 0, 0, (byte)(i % 7), .. Enumerable.Repeat((byte)i, i % 7)]).ToArray();
        using var invoker = new HttpMessageInvoker(new BrokenOffCallHandler("register") { InnerHandler = new ModuleDying(messages, dies: false) });
        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://module/svc/Method"), CancellationToken.None);

        var body = new MemoryStream();
        await (await response.Content.ReadAsStreamAsync()).CopyToAsync(body);

        Assert.Equal(messages, body.ToArray());
        Assert.False(response.TrailingHeaders.Contains("grpc-status"));
    }

    /// <summary>A module answering with <paramref name="body"/> three bytes at a time, then dying (or ending its body).</summary>
    private sealed class ModuleDying(byte[] body, bool dies = true) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new Trickle(body, dies)) });
    }

    private sealed class Trickle(byte[] body, bool dies) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position == body.Length)
            {
                return dies ? throw new IOException("The response ended prematurely.") : 0;
            }

            var n = Math.Min(Math.Min(3, count), body.Length - _position);
            Array.Copy(body, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
