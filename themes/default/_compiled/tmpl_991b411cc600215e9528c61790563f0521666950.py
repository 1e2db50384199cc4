from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'sitemap.xml'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_urls = resolve('urls')
    pass
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    for l_1_loc in (undefined(name='urls') if l_0_urls is missing else l_0_urls):
        _loop_vars = {}
        pass
        yield '<url><loc>'
        yield escape(l_1_loc)
        yield '</loc></url>\n'
    l_1_loc = missing
    yield '</urlset>\n'

blocks = {}
debug_info = '3=13&4=17'