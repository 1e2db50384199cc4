from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_self = TemplateReference(context)
    l_0_lang = resolve('lang')
    l_0_config = resolve('config')
    l_0_description = resolve('description')
    l_0_noindex = resolve('noindex')
    l_0_canonical = resolve('canonical')
    l_0_alternates = resolve('alternates')
    l_0_url = resolve('url')
    l_0_t = resolve('t')
    try:
        t_1 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape((undefined(name='lang') if l_0_lang is missing else l_0_lang))
    yield '" data-tg-origin="'
    yield escape(('/' if (environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'parent_origin') == "'self'") else environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'parent_origin')))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="color-scheme" content="light dark">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n'
    if (t_1((undefined(name='description') if l_0_description is missing else l_0_description)) and (undefined(name='description') if l_0_description is missing else l_0_description)):
        pass
        yield '<meta name="description" content="'
        yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
        yield '">\n'
    if (t_1((undefined(name='noindex') if l_0_noindex is missing else l_0_noindex)) and (undefined(name='noindex') if l_0_noindex is missing else l_0_noindex)):
        pass
        yield '<meta name="robots" content="noindex">\n'
    if t_1((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical)):
        pass
        yield '<link rel="canonical" href="'
        yield escape((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical))
        yield '">\n'
    if t_1((undefined(name='alternates') if l_0_alternates is missing else l_0_alternates)):
        pass
        for (l_1_code, l_1_target) in (undefined(name='alternates') if l_0_alternates is missing else l_0_alternates):
            _loop_vars = {}
            pass
            yield '<link rel="alternate" hreflang="'
            yield escape(l_1_code)
            yield '" href="'
            yield escape(l_1_target)
            yield '">\n'
        l_1_code = l_1_target = missing
    yield '<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))
    yield '">\n<meta property="og:title" content="'
    yield escape(context.call(environment.getattr(l_0_self, 'title')))
    yield '">\n'
    if (t_1((undefined(name='description') if l_0_description is missing else l_0_description)) and (undefined(name='description') if l_0_description is missing else l_0_description)):
        pass
        yield '<meta property="og:description" content="'
        yield escape((undefined(name='description') if l_0_description is missing else l_0_description))
        yield '">\n'
    yield '<meta property="og:type" content="'
    yield from context.blocks['og_type'][0](context)
    yield '">\n'
    if (t_1((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical)) and environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'base_url')):
        pass
        yield '<meta property="og:url" content="'
        yield escape((undefined(name='canonical') if l_0_canonical is missing else l_0_canonical))
        yield '">\n'
    yield '<link rel="stylesheet" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), 'assets/topic.css'))
    yield '">\n<script src="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), 'assets/topic.js'))
    yield '" defer></script>\n'
    yield from context.blocks['head'][0](context)
    yield '</head>\n<body class="'
    yield from context.blocks['body_class'][0](context)
    yield '">\n<a class="tg-skip" href="#content">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'skip_to_content'))
    yield '</a>\n'
    yield from context.blocks['nav'][0](context)
    yield '<main id="content" class="topic-container">\n'
    yield from context.blocks['content'][0](context)
    yield '</main>\n</body>\n</html>\n'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_config = resolve('config')
    pass
    yield escape(environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'site_title'))

def block_og_type(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'website'

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'tg-page'

def block_nav(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'og_type': block_og_type, 'head': block_head, 'body_class': block_body_class, 'nav': block_nav, 'content': block_content}
debug_info = '2=27&7=31&8=33&9=36&11=38&14=41&15=44&17=46&18=48&19=52&22=58&23=60&24=62&25=65&27=68&28=70&29=73&31=76&32=78&33=80&35=82&36=84&37=86&39=88&7=91&27=102&33=112&35=121&37=131&39=140'